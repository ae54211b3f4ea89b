import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { displayPath, formatDuration, startProgress, type ProgressOptions } from '../progress.ts';
import { describeIssues, occupationListSchema, occupationSchema } from '../schema.ts';
import { occupationFile, type SnapshotManifest } from '../snapshot.ts';
import { AuthError, createApiClient, RequestError } from './client.ts';
import type { ApiConfig } from './config.ts';
import { eachLimited } from './each-limited.ts';
import {
	collectImageLinks,
	defaultMaxImageBytes,
	storeImages,
	type ImageResult,
} from './images.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { maskUrl, secretMasker } from './secrets.ts';
import {
	acquireLock,
	recoverInterruptedRun,
	serialize,
	stageSnapshot,
	type StagedSnapshot,
} from './snapshot-writer.ts';

/** Requests in flight unless told otherwise: quick, and gentle on the API. */
export const defaultConcurrency = 8;

/** The timeout of one attempt (connect, headers or body) unless told otherwise. */
export const defaultTimeoutMs = 30_000;

export interface FetchOptions {
	config: ApiConfig;
	/** The snapshot folder to replace, such as `data/snapshot`. */
	out: string;
	concurrency?: number;
	/** Fetch only these occupation ids; the snapshot then holds only them. */
	only?: number[];
	/** Swap in what succeeded even when some records failed, keeping their previous version. */
	allowPartial?: boolean;
	timeoutMs?: number;
	maxImageBytes?: number;
	/** Download the images records link to (default true). */
	images?: boolean;
	policy?: RetryPolicy;
	/** Aborting stops the run and leaves `out` as it was. */
	signal?: AbortSignal;
	progress?: ProgressOptions;
}

/** A run that could not get a usable list, so no snapshot was written; exit code 1. */
export class FetchFailedError extends Error {
	override name = 'FetchFailedError';
}

export interface FetchResult {
	/** 0 when every record was fetched, 1 when some failed. */
	exitCode: 0 | 1;
	/** Whether a new snapshot was swapped in; without `allowPartial`, failures prevent it. */
	written: boolean;
	count: number;
	added: number[];
	removed: number[];
	changed: number[];
	/** Occupation id → why it failed. */
	failed: Map<number, string>;
	images: ImageResult | undefined;
	summary: string;
}

interface Previous {
	dir: string;
	entries: Map<number, string>;
	images: Record<string, string>;
}

/**
 * Fetches the list and every occupation, validates them, stores their images, and swaps the new
 * snapshot in at `options.out`. Returns what changed, or which records failed when nothing was
 * written. Throws AuthError or ConfigError (exit 2), FetchFailedError (exit 1) or the abort
 * reason; in each of those cases, as when records fail, `out` is left as it was.
 */
export async function runFetch(options: FetchOptions): Promise<FetchResult> {
	const { config, signal } = options;
	const out = path.resolve(options.out);
	const shown = displayPath(out);
	const concurrency = options.concurrency ?? defaultConcurrency;
	const mask = secretMasker([config.clientSecret]);
	const started = performance.now();

	await mkdir(path.dirname(out), { recursive: true });
	const releaseLock = acquireLock(out);
	const client = createApiClient({
		config,
		concurrency,
		timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
		maxImageBytes: options.maxImageBytes ?? defaultMaxImageBytes,
		policy: options.policy,
	});
	let staging: StagedSnapshot | undefined;
	try {
		recoverInterruptedRun(out);
		const previous = readPrevious(out);

		const list = await fetchList();
		const rawEntries = list as Array<Record<string, unknown> & { id: number; namn: string }>;
		const wanted = options.only ? new Set(options.only) : undefined;
		const entries = wanted ? rawEntries.filter((entry) => wanted.has(entry.id)) : rawEntries;
		const failed = new Map<number, string>();
		const listed = new Set(entries.map((entry) => entry.id));
		for (const id of wanted ?? []) {
			if (!listed.has(id)) failed.set(id, 'not in the list from GET /yrken');
		}
		const requested = entries.length + failed.size;

		staging = await stageSnapshot(out);
		const stage = staging;
		const written = new Map<number, string>();
		const records = new Map<number, unknown>();
		const progress = startProgress('Fetching occupations', entries.length, options.progress);
		for (const [id, reason] of failed) progress.log(mask(`Occupation ${id}: ${reason}.`));

		// An auth failure mid-run stops the requests still in flight.
		const stop = new AbortController();
		const requestSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
		// Files are written while the next requests run; a write error still fails the run below.
		const writes: Array<Promise<void>> = [];
		try {
			await eachLimited(
				entries,
				concurrency,
				async (entry) => {
					try {
						const record = await client.getJson(`yrken/${entry.id}`, requestSignal);
						checkRecord(entry.id, record);
						const text = serialize(record);
						writes.push(stage.write(path.join('yrken', `${entry.id}.json`), text));
						written.set(entry.id, text);
						records.set(entry.id, record);
					} catch (error) {
						if (error instanceof AuthError) {
							stop.abort(error);
							throw error;
						}
						if (requestSignal.aborted) throw requestSignal.reason;
						const reason = error instanceof Error ? error.message : String(error);
						failed.set(entry.id, reason);
						progress.log(mask(`Occupation ${entry.id} (${entry.namn}): ${reason}`));
					}
					progress.advance();
				},
				requestSignal
			);
		} catch (error) {
			progress.finish();
			throw error;
		} finally {
			await Promise.allSettled(writes);
		}
		await Promise.all(writes);

		if (failed.size > 0 && !options.allowPartial) {
			const ids = [...failed.keys()].sort((a, b) => a - b);
			const summary = mask(
				`Fetched ${written.size} of ${occupations(requested)} (${failed.size} failed: ` +
					`${ids.join(', ')}) in ${formatDuration(performance.now() - started)}; ${shown} was ` +
					'left as it was. Run again, or pass --allow-partial to keep the previous version ' +
					'of the failed records.'
			);
			progress.finish(summary);
			return {
				exitCode: 1,
				written: false,
				count: 0,
				added: [],
				removed: [],
				changed: [],
				failed,
				images: undefined,
				summary,
			};
		}

		// With --allow-partial a failed record keeps its previous version; one that never had a
		// version is left out of the list, so the snapshot stays whole.
		const kept: typeof entries = [];
		for (const entry of entries) {
			if (!written.has(entry.id)) {
				const old = occupationFile(previous.dir, entry.id);
				if (!existsSync(old)) continue;
				const text = readFileSync(old, 'utf8');
				await stage.write(path.join('yrken', `${entry.id}.json`), text);
				written.set(entry.id, text);
				records.set(entry.id, JSON.parse(text));
			}
			kept.push(entry);
		}
		await stage.write('yrken.json', serialize(kept));

		let images: ImageResult | undefined;
		if (options.images !== false) {
			// List order, not completion order, so the manifest comes out the same every time.
			const links = collectImageLinks([...kept, ...kept.map((entry) => records.get(entry.id))]);
			if (links.length > 0) {
				progress.setTotal(entries.length + links.length);
				images = await storeImages({
					links,
					client,
					staging: stage,
					previous: { dir: previous.dir, images: previous.images },
					concurrency,
					signal,
					onFailure: (link, reason) =>
						progress.log(mask(`Image ${JSON.stringify(link)}: ${reason}`)),
					onProgress: () => progress.advance(),
				});
			}
		}

		const diff = compare(previous, kept, written);
		const manifest: SnapshotManifest = {
			source: maskUrl(config.baseUrl),
			fetchedAt: new Date().toISOString(),
			count: kept.length,
			added: diff.added,
			removed: diff.removed,
			changed: diff.changed,
			failed: [...failed.keys()].sort((a, b) => a - b),
			images: images?.images ?? {},
		};
		await stage.write('manifest.json', mask(serialize(manifest)));

		signal?.throwIfAborted();
		stage.swapIn();
		staging = undefined;

		const counts = [
			diff.added.length > 0 ? `${diff.added.length} added` : '',
			`${diff.changed.length} changed`,
			diff.removed.length > 0 ? `${diff.removed.length} removed` : '',
			`${failed.size} failed`,
		].filter(Boolean);
		const imageNote = images
			? ` and ${images.downloaded + images.reused} images (${images.failed.length} failed)`
			: '';
		const duration = formatDuration(performance.now() - started);
		const summary = mask(
			`Fetched ${occupations(kept.length)} (${counts.join(', ')})${imageNote} in ${duration} → ${shown}`
		);
		progress.finish(summary);
		return {
			exitCode: failed.size > 0 ? 1 : 0,
			written: true,
			count: kept.length,
			...diff,
			failed,
			images,
			summary,
		};
	} finally {
		staging?.discard();
		await client.close().catch(() => {});
		releaseLock();
	}

	async function fetchList(): Promise<unknown[]> {
		let body: unknown;
		try {
			body = await client.getJson('yrken', signal);
		} catch (error) {
			if (!(error instanceof RequestError)) throw error;
			throw new FetchFailedError(
				mask(
					`Could not fetch the list (GET /yrken): ${error.message}. ${shown} was left as it was.`
				)
			);
		}
		const parsed = occupationListSchema.safeParse(body);
		if (!parsed.success) {
			const lines = describeIssues(parsed.error).map((line) => `  ${line}`);
			throw new FetchFailedError(
				mask(
					`The list from GET /yrken does not match the contract; ${shown} was left as it was.\n` +
						lines.join('\n')
				)
			);
		}
		// The raw body is stored, not zod's output, so key order and unknown fields stay as sent.
		return body as unknown[];
	}
}

/** Returns a count of occupations in words, such as `1 occupation` or `323 occupations`. */
function occupations(count: number): string {
	return `${count} occupation${count === 1 ? '' : 's'}`;
}

/** Throws an error naming the fields when a record does not match the contract. */
function checkRecord(id: number, record: unknown): void {
	const parsed = occupationSchema.safeParse(record);
	if (!parsed.success) {
		throw new Error(`does not match the contract: ${describeIssues(parsed.error).join('; ')}`);
	}
	if (parsed.data.id !== id) {
		throw new Error(`GET /yrken/${id} answered with occupation ${parsed.data.id}`);
	}
}

/** Returns the previous snapshot's list entries (as stored text) and image map, if there is one. */
function readPrevious(out: string): Previous {
	const previous: Previous = { dir: out, entries: new Map(), images: {} };
	try {
		const list = JSON.parse(readFileSync(path.join(out, 'yrken.json'), 'utf8')) as unknown;
		if (Array.isArray(list)) {
			for (const entry of list) {
				const id = (entry as { id?: unknown })?.id;
				if (typeof id === 'number') previous.entries.set(id, JSON.stringify(entry));
			}
		}
		const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as unknown;
		const images = (manifest as SnapshotManifest | null)?.images;
		if (images && typeof images === 'object') previous.images = images;
	} catch {
		// No previous snapshot, or a damaged one: every record then counts as added.
	}
	return previous;
}

/** Returns the ids added, removed and changed against the previous snapshot, each sorted. */
function compare(
	previous: Previous,
	entries: Array<{ id: number }>,
	written: Map<number, string>
): { added: number[]; removed: number[]; changed: number[] } {
	const added: number[] = [];
	const changed: number[] = [];
	const current = new Set<number>();
	for (const entry of entries) {
		current.add(entry.id);
		const before = previous.entries.get(entry.id);
		if (before === undefined) {
			added.push(entry.id);
			continue;
		}
		const file = occupationFile(previous.dir, entry.id);
		const oldRecord = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
		if (before !== JSON.stringify(entry) || oldRecord !== written.get(entry.id)) {
			changed.push(entry.id);
		}
	}
	const removed = [...previous.entries.keys()].filter((id) => !current.has(id));
	const byNumber = (a: number, b: number) => a - b;
	return {
		added: added.sort(byNumber),
		removed: removed.sort(byNumber),
		changed: changed.sort(byNumber),
	};
}
