import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import type { BrowserContext } from 'playwright';
import { archiveSite, type ArchiveResult } from '../../src/lib/archive/index.ts';
import { buildSite } from '../support/build.ts';

export interface UnpackedArchive {
	result: ArchiveResult;
	/** The built site the archive was made from. */
	site: string;
	/** The folder the zip was unpacked into. */
	dir: string;
	/** The zip's entries, in the order they were written. */
	names: string[];
	/** Returns the `file:` URL of a file inside the unpacked archive. */
	url(file: string): string;
	remove(): Promise<void>;
}

/** Returns an archive of the site built from `snapshot`, written and unpacked into a temp folder. */
export async function unpackedArchive(snapshot: string): Promise<UnpackedArchive> {
	const site = await buildSite({ snapshot });
	const work = await mkdtemp(path.join(os.tmpdir(), 'yrkesinfo-archive-test-'));
	const result = await archiveSite({
		siteDir: site,
		snapshotDir: snapshot,
		archiveDir: path.join(work, 'zip'),
		log: () => {},
	});

	// Unpacked with fflate rather than an `unzip` program, which a bare CI machine may lack, into
	// a folder whose name has a space and a non-ASCII letter, as real download folders do.
	const dir = path.join(work, 'Hämtade filer', 'yrkesinfo');
	const entries = unzipSync(await readFile(result.file));
	for (const [name, data] of Object.entries(entries)) {
		const target = path.join(dir, name);
		await mkdir(path.dirname(target), { recursive: true });
		await writeFile(target, data);
	}
	return {
		result,
		site,
		dir,
		names: Object.keys(entries),
		url: (file) => pathToFileURL(path.join(dir, file)).href,
		remove: () => rm(work, { recursive: true, force: true }),
	};
}

/** Returns the list that every request the context makes is recorded into; non-`file:` ones fail. */
export async function recordRequests(context: BrowserContext): Promise<string[]> {
	const requests: string[] = [];
	context.on('request', (request) => requests.push(request.url()));
	// Anything that would leave the machine is stopped here as well as recorded, so a test
	// never depends on the network being absent.
	await context.route(
		(url) => url.protocol !== 'file:',
		(route) => {
			requests.push(route.request().url());
			return route.abort();
		}
	);
	return requests;
}
