import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so paths work whatever the current directory is. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run fetch` writes by default, relative to the project root. */
export const defaultSnapshotDir = path.join(projectRoot, 'data', 'snapshot');

/** The sample occupations that ship with the repository. */
export const sampleSnapshotDir = path.join(projectRoot, 'data', 'sample');

/** The real 2018 corpus beside the repository, when this machine has it. */
export const sharedCorpusDir = path.resolve(projectRoot, '..', 'shared', 'data', 'yrkesinfo-2018');

export type SnapshotSource = 'env' | 'fetched' | 'sample';

export interface SnapshotChoice {
	dir: string;
	source: SnapshotSource;
}

/** Returns true when `dir` holds a snapshot (it has a `yrken.json` list). */
export function isSnapshot(dir: string): boolean {
	return existsSync(path.join(dir, 'yrken.json'));
}

/**
 * Returns the snapshot a build reads: `YRKESINFO_SNAPSHOT`, else a fetched `data/snapshot`
 * (or the previous one a fetch was swapping out when it was killed), else the repository's sample.
 */
export function resolveSnapshot(env: NodeJS.ProcessEnv = process.env): SnapshotChoice {
	const fromEnv = env.YRKESINFO_SNAPSHOT?.trim();
	if (fromEnv) {
		const dir = path.resolve(fromEnv);
		if (!isSnapshot(dir)) {
			throw new Error(
				`YRKESINFO_SNAPSHOT points at ${dir}, which has no yrken.json. ` +
					'Point it at a folder written by `npm run fetch`, or unset it.'
			);
		}
		return { dir, source: 'env' };
	}
	if (isSnapshot(defaultSnapshotDir)) return { dir: defaultSnapshotDir, source: 'fetched' };
	// A fetch killed between its two renames leaves the last good snapshot here until the next
	// fetch puts it back; a build in that gap should still use it rather than the sample.
	const previous = `${defaultSnapshotDir}.previous`;
	if (isSnapshot(previous)) return { dir: previous, source: 'fetched' };
	return { dir: sampleSnapshotDir, source: 'sample' };
}

/** Returns the path of one occupation's file inside a snapshot. */
export function occupationFile(dir: string, id: number | string): string {
	return path.join(dir, 'yrken', `${id}.json`);
}

/** Returns the parsed JSON of a file, naming the file when it is not valid JSON. */
export async function readJson(file: string): Promise<unknown> {
	const raw = await readFile(file, 'utf8');
	try {
		return JSON.parse(raw);
	} catch (cause) {
		throw new Error(`${file} is not valid JSON.`, { cause });
	}
}

/** The manifest a fetch writes beside its records. */
export interface SnapshotManifest {
	/** The base URL fetched from, without keys. */
	source?: string;
	/** ISO 8601 time of the fetch. */
	fetchedAt?: string;
	count?: number;
	/**
	 * Images the fetch downloaded: the link exactly as a record gives it (`bildlank`,
	 * `bilder[].lank`) mapped to a path relative to the snapshot, such as `images/ab12.png`.
	 */
	images?: Record<string, string>;
	[key: string]: unknown;
}

/** Returns the snapshot's manifest, or an empty one when the folder has none. */
export async function readManifest(dir: string): Promise<SnapshotManifest> {
	const file = path.join(dir, 'manifest.json');
	if (!existsSync(file)) return {};
	return (await readJson(file)) as SnapshotManifest;
}
