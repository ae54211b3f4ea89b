import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/lib/snapshot.ts';
import type { MockApi } from '../support/mock-api.ts';

/** The fetch command, run as `node scripts/fetch.ts`. */
export const fetchScript = path.join(projectRoot, 'scripts', 'fetch.ts');

export interface CliRun {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Returns a new empty temporary folder. */
export function tempDir(prefix = 'fetch-test-'): Promise<string> {
	return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Deletes a temporary folder and everything in it. */
export function removeDir(dir: string | undefined): Promise<void> {
	return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

/** Returns the environment that points the fetch at a mock API with its keys (or `secret`). */
export function mockEnv(api: MockApi, secret: string = api.clientSecret): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		YRKESINFO_BASE_URL: api.baseUrl,
		YRKESINFO_CLIENT_ID: api.clientId,
		YRKESINFO_CLIENT_SECRET: secret,
	};
}

/** Starts the fetch command and returns the child, without waiting for it. */
export function startCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
	// A temporary working folder keeps a developer's own .env out of the tests.
	return spawn(process.execPath, [fetchScript, ...args], { env, cwd, stdio: 'pipe' });
}

/** Runs the fetch command to its end and returns its exit code and output. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliRun> {
	return finished(startCli(args, env, cwd));
}

/** Returns the exit code and output of a started child once it has ended. */
export function finished(child: ChildProcess): Promise<CliRun> {
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk) => (stdout += chunk));
	child.stderr?.on('data', (chunk) => (stderr += chunk));
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

/** Returns every file under `dir` (relative path → SHA-256 of its bytes), sorted by path. */
export function hashTree(dir: string): Map<string, string> {
	const hashes = new Map<string, string>();
	const walk = (folder: string) => {
		for (const name of readdirSync(folder).sort()) {
			const file = path.join(folder, name);
			if (statSync(file).isDirectory()) walk(file);
			else
				hashes.set(
					path.relative(dir, file),
					createHash('sha256').update(readFileSync(file)).digest('hex')
				);
		}
	};
	if (existsSync(dir)) walk(dir);
	return hashes;
}

/** Returns the paths of every file under `dir` whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
	const hits: string[] = [];
	const walk = (folder: string) => {
		for (const name of readdirSync(folder)) {
			const file = path.join(folder, name);
			if (name.includes(needle)) hits.push(file);
			if (statSync(file).isDirectory()) walk(file);
			else if (readFileSync(file).includes(needle)) hits.push(file);
		}
	};
	walk(dir);
	return hits;
}

/** Resolves once `condition` holds, checking every 20 ms, or rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error('Timed out waiting for a condition.');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
