/*
 * Writes the archive's zip with fflate's streaming `Zip`, which lays out the headers and the
 * central directory while entries stream into a file. The entries themselves are deflated by
 * Node's native zlib (several times faster than deflate in JavaScript), already-compressed files
 * are stored as they are, and every entry takes the same time stamp, so the same site always
 * gives the same bytes.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';

export interface ZipEntry {
	/** The `/`-separated path inside the zip. */
	name: string;
	data: Uint8Array;
}

/** File types that are compressed already, so deflating them again only costs time. */
const storedExtensions = new Set([
	'.png',
	'.jpg',
	'.jpeg',
	'.webp',
	'.avif',
	'.gif',
	'.woff',
	'.woff2',
	'.zip',
	'.gz',
	'.pf_fragment',
	'.pf_index',
	'.pf_meta',
	'.pagefind',
]);

/** Returns the number of bytes written after adding `entries` to a new zip at `file`. */
export async function writeZip(
	file: string,
	entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
	{ mtime, onEntry }: { mtime: Date; onEntry?: (entry: ZipEntry) => void }
): Promise<number> {
	await mkdir(path.dirname(file), { recursive: true });
	// Write beside the target and rename, so a failed run never leaves a truncated zip behind.
	const partial = `${file}.partial`;
	const out = createWriteStream(partial);
	let written = 0;
	let failure: Error | undefined;

	const zip = new Zip((error, chunk, final) => {
		if (error) {
			failure = error;
			return;
		}
		written += chunk.length;
		out.write(chunk);
		if (final) out.end();
	});

	try {
		for await (const entry of entries) {
			const stored = storedExtensions.has(path.extname(entry.name).toLowerCase());
			const file: ZipInputFile = {
				filename: entry.name,
				size: entry.data.length,
				crc: crc32(entry.data),
				compression: stored ? 0 : 8,
				mtime,
			};
			zip.add(file);
			// add() gave the entry its data handler; one final chunk completes it.
			const payload = stored ? entry.data : deflateRawSync(entry.data, { level: 9 });
			file.ondata?.(null, payload as Uint8Array<ArrayBuffer>, true);
			onEntry?.(entry);
			if (out.writableNeedDrain) await once(out, 'drain');
		}
		zip.end();
		await once(out, 'finish');
		if (failure) throw failure;
		await rename(partial, file);
	} catch (cause) {
		out.destroy();
		await rm(partial, { force: true });
		throw new Error(`Could not write ${file}.`, { cause });
	}
	return written;
}
