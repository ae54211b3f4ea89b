import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiClient } from './client.ts';
import { eachLimited } from './each-limited.ts';
import type { StagedSnapshot } from './snapshot-writer.ts';

/*
 * Images the records link to are stored in the snapshot's `images/` folder, so the site and the
 * offline archive need no network. The manifest maps each link exactly as a record gives it
 * (trailing spaces included) to its file; the file name is a hash of the trimmed link.
 */

/** Image types the fetch stores, with the extension each is saved under. */
export const imageTypes: Record<string, string> = {
	'image/png': '.png',
	'image/jpeg': '.jpg',
	'image/gif': '.gif',
	'image/webp': '.webp',
	'image/avif': '.avif',
	'image/svg+xml': '.svg',
};

/** The largest image the fetch downloads unless told otherwise. */
export const defaultMaxImageBytes = 5 * 1024 * 1024;

/** Returns each image link of list entries and records (`bildlank`, `bilder[].lank`) once. */
export function collectImageLinks(objects: Iterable<unknown>): string[] {
	const links = new Set<string>();
	for (const object of objects) {
		const record = object as { bildlank?: unknown; bilder?: unknown };
		if (typeof record.bildlank === 'string' && record.bildlank.trim()) links.add(record.bildlank);
		if (!Array.isArray(record.bilder)) continue;
		for (const image of record.bilder) {
			const link = (image as { lank?: unknown } | null)?.lank;
			if (typeof link === 'string' && link.trim()) links.add(link);
		}
	}
	return [...links];
}

/** Returns the path, relative to the snapshot, that the image behind `link` is stored at. */
export function imagePath(link: string, extension: string): string {
	const hash = createHash('sha256').update(link.trim()).digest('hex').slice(0, 16);
	return `images/${hash}${extension}`;
}

/**
 * Returns the image type that both the content type and the file's first bytes agree on, or
 * undefined. An SVG is refused when it could run script if opened on its own.
 */
export function checkImage(contentType: string, body: Buffer): string | undefined {
	const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
	const ascii = (start: number, end: number) => body.subarray(start, end).toString('latin1');
	const matches: Record<string, () => boolean> = {
		'image/png': () => ascii(0, 8) === '\x89PNG\r\n\x1a\n',
		'image/jpeg': () => body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff,
		'image/gif': () => ascii(0, 4) === 'GIF8',
		'image/webp': () => ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP',
		'image/avif': () => ascii(4, 12) === 'ftypavif',
		'image/svg+xml': () => {
			const text = body.toString('utf8');
			return /<svg[\s>]/.test(text.slice(0, 2048)) && !unsafeSvg.test(text);
		},
	};
	return matches[type]?.() ? type : undefined;
}

// Script, event handlers, javascript: links and embedded HTML would all run if the file were
// opened directly from the site's origin.
const unsafeSvg = /<script\b|<foreignObject\b|\son[a-z]+\s*=|javascript:/i;

export interface ImageJob {
	links: string[];
	client: ApiClient;
	staging: StagedSnapshot;
	/** The snapshot being replaced and its image map, to reuse images already downloaded. */
	previous: { dir: string; images: Record<string, string> };
	concurrency: number;
	signal?: AbortSignal;
	/** Called once per link that could not be stored, with the reason. */
	onFailure(link: string, reason: string): void;
	/** Called once per link handled, stored or not. */
	onProgress?(): void;
}

export interface ImageResult {
	/** Link exactly as given → path relative to the snapshot, in the order the links came. */
	images: Record<string, string>;
	downloaded: number;
	reused: number;
	failed: string[];
}

/**
 * Stores the image of every link in the staged snapshot and returns the manifest's image map.
 * An image the previous snapshot already holds is copied from it rather than downloaded again.
 * Failures are reported through `onFailure`, never thrown.
 */
export async function storeImages(job: ImageJob): Promise<ImageResult> {
	const { client, staging, previous } = job;
	const stored = new Map<string, string>();
	const failed: string[] = [];
	let downloaded = 0;
	let reused = 0;

	// Links that differ only in surrounding spaces are one image: fetch each once.
	const byUrl = new Map<string, string[]>();
	for (const link of job.links) {
		const key = link.trim();
		byUrl.set(key, [...(byUrl.get(key) ?? []), link]);
	}

	await eachLimited(
		[...byUrl.values()],
		job.concurrency,
		async (links) => {
			const kept = await previousCopy(links, previous);
			if (kept) {
				await staging.write(kept.path, kept.body);
				for (const link of links) stored.set(link, kept.path);
				reused++;
				job.onProgress?.();
				return;
			}
			try {
				const { body, contentType } = await client.getImage(links[0] as string, job.signal);
				const type = checkImage(contentType, body);
				if (!type) {
					throw new Error(
						`not a PNG, JPEG, GIF, WebP, AVIF or script-free SVG image (content type ` +
							`"${contentType || 'none'}")`
					);
				}
				const file = imagePath(links[0] as string, imageTypes[type] as string);
				await staging.write(file, body);
				for (const link of links) stored.set(link, file);
				downloaded++;
			} catch (error) {
				if (job.signal?.aborted) throw error;
				for (const link of links) {
					failed.push(link);
					job.onFailure(link, error instanceof Error ? error.message : String(error));
				}
			}
			job.onProgress?.();
		},
		job.signal
	);

	const images: Record<string, string> = {};
	for (const link of job.links) {
		const file = stored.get(link);
		if (file) images[link] = file;
	}
	return { images, downloaded, reused, failed };
}

/** Returns the previous snapshot's copy of an image, when it has one for any of the links. */
async function previousCopy(
	links: string[],
	previous: ImageJob['previous']
): Promise<{ path: string; body: Buffer } | undefined> {
	for (const link of links) {
		const file = previous.images[link];
		// The manifest is read from disk, so only a plain file inside images/ is trusted.
		if (!file || !/^images\/[\w.-]+$/.test(file)) continue;
		const absolute = path.join(previous.dir, file);
		if (existsSync(absolute)) return { path: file, body: await readFile(absolute) };
	}
	return undefined;
}
