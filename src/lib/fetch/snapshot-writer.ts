import {
	closeSync,
	existsSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config.ts';

/*
 * A snapshot is replaced as a whole. The new one is written to `<out>.incoming-<pid>` beside the
 * old one and swapped in with two renames only once it is complete: `<out>` → `<out>.previous`,
 * then the new folder → `<out>`. The renames are synchronous, so neither Ctrl-C nor an error can
 * fall between them; if the process is killed there anyway, the next run finds `<out>` missing
 * and `<out>.previous` present and puts the previous snapshot back before anything else.
 */

/** Returns the JSON text the snapshot stores: two-space indented, with a trailing newline. */
export function serialize(value: unknown): string {
	return `${JSON.stringify(value, null, 2)}\n`;
}

/** Returns the folder the next snapshot is written to before it is swapped in. */
export function stagingDir(out: string, pid: number = process.pid): string {
	return `${out}.incoming-${pid}`;
}

/** Returns where the replaced snapshot waits during a swap. */
export function previousDir(out: string): string {
	return `${out}.previous`;
}

/**
 * Takes the lock on `out` (`<out>.lock`, holding the process id) and returns a function that
 * releases it. Throws a ConfigError when another live fetch holds it; a lock left by a killed
 * process is taken over.
 */
export function acquireLock(out: string): () => void {
	const file = `${out}.lock`;
	for (let tries = 0; tries < 2; tries++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(file, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(readFileSync(file, 'utf8'));
			if (isAlive(holder)) {
				throw new ConfigError(
					`Another fetch (process ${holder}) is writing ${out}; wait for it, or delete ${file} ` +
						'if that process is gone.'
				);
			}
			unlinkSync(file);
		}
	}
	throw new ConfigError(`Could not take the lock ${file}; delete it and try again.`);
}

/**
 * Returns `out` to a clean state after an interrupted run: puts back a previous snapshot that a
 * killed swap left aside, and removes folders that unfinished runs left behind. Call it only
 * while holding the lock.
 */
export function recoverInterruptedRun(out: string): void {
	const previous = previousDir(out);
	if (!existsSync(out) && existsSync(previous)) renameSync(previous, out);
	rmSync(previous, { recursive: true, force: true });

	const parent = path.dirname(out);
	if (!existsSync(parent)) return;
	const prefix = `${path.basename(out)}.incoming-`;
	for (const name of readdirSync(parent)) {
		if (name.startsWith(prefix)) rmSync(path.join(parent, name), { recursive: true, force: true });
	}
}

/** A snapshot being written; nothing of it is visible at `out` until `swapIn`. */
export interface StagedSnapshot {
	dir: string;
	/** Writes a file at a path relative to the snapshot. */
	write(relative: string, text: string | Buffer): Promise<void>;
	/** Makes the staged snapshot the one at `out`, keeping the old one until the swap is done. */
	swapIn(): void;
	/** Deletes the staged folder, leaving `out` as it was. */
	discard(): void;
}

/** Returns a fresh, empty staging folder for a new snapshot of `out`. */
export async function stageSnapshot(out: string): Promise<StagedSnapshot> {
	const dir = stagingDir(out);
	rmSync(dir, { recursive: true, force: true });
	await mkdir(path.join(dir, 'yrken'), { recursive: true });
	const folders = new Set([dir, path.join(dir, 'yrken')]);

	return {
		dir,
		async write(relative, text) {
			const file = path.join(dir, relative);
			const folder = path.dirname(file);
			if (!folders.has(folder)) {
				await mkdir(folder, { recursive: true });
				folders.add(folder);
			}
			await writeFile(file, text);
		},
		swapIn() {
			const previous = previousDir(out);
			rmSync(previous, { recursive: true, force: true });
			const hadPrevious = existsSync(out);
			if (hadPrevious) renameSync(out, previous);
			renameSync(dir, out);
			if (hadPrevious) rmSync(previous, { recursive: true, force: true });
		},
		discard() {
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function isAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM means the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
