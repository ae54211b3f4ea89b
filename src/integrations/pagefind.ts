import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { build as viteBuild, type Rollup } from 'vite';
import { buildLocalIndex, localIndexScript, type LocalSource } from '../lib/search-index.ts';
import { areaFilter, splitMeta } from '../lib/search-meta.ts';

/*
 * Indexes the built site for search when `astro build` finishes: Pagefind over the occupation
 * pages (those marked `data-pagefind-body`), the small local index for the offline fallback,
 * and the classic scripts of the search field. Classic rather than module scripts, because a
 * page opened from disk may run classic scripts but not modules.
 */

/** The folder of the built site that holds the search field's own files. */
export const searchAssetsDir = '_search';

/**
 * How many word positions a Pagefind index chunk holds. A query loads the chunk of each of its
 * words, and at Pagefind's default of 20000 a chunk is about 30 KB gzip, so a two-word first
 * search came to about 145 KB; at 5000 a chunk is about 8 KB and the whole index 3% larger.
 */
const indexChunkSize = 5000;

const clientEntries = {
	'boot.js': fileURLToPath(new URL('../scripts/search-boot.ts', import.meta.url)),
	'ui.js': fileURLToPath(new URL('../scripts/search-ui.ts', import.meta.url)),
	'page.js': fileURLToPath(new URL('../scripts/search-page.ts', import.meta.url)),
};

/** How many built pages are read and sent to Pagefind together. */
const indexBatch = 32;

/** Returns the paths of every HTML file under `dir`, relative to it, in a stable order. */
async function htmlFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
		.sort();
}

/**
 * Returns the values a page gives one Pagefind filter (`data-pagefind-filter="name">value<`),
 * which the indexing API does not hand back as it does metadata.
 */
export function filterValues(html: string, filter: string): string[] {
	const pattern = new RegExp(`data-pagefind-filter="${filter}">([^<]*)<`, 'g');
	return [...html.matchAll(pattern)].map((match) => decodeEntities(match[1]).trim()).filter(Boolean);
}

/** Returns text with the entities Astro writes in element content decoded. */
function decodeEntities(text: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
		if (code[0] === '#') {
			const value = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
			return String.fromCodePoint(value);
		}
		return named[code.toLowerCase()] ?? entity;
	});
}

/** Returns one client entry bundled and minified as a classic script. */
async function bundleClassic(entry: string): Promise<string> {
	const output = (await viteBuild({
		configFile: false,
		logLevel: 'warn',
		build: {
			write: false,
			minify: true,
			target: 'es2022',
			lib: { entry, formats: ['iife'], name: 'yrkesinfoSearch' },
		},
	})) as Rollup.RollupOutput | Rollup.RollupOutput[];
	const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output);
	const chunk = chunks.find((item): item is Rollup.OutputChunk => item.type === 'chunk');
	if (!chunk) throw new Error(`Bundling ${entry} produced no script.`);
	return chunk.code;
}

/** Returns the number of bytes of everything under `dir`. */
async function folderBytes(dir: string): Promise<number> {
	let total = 0;
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
	}
	return total;
}

/** The figures of one indexing run. */
export interface IndexingResult {
	pages: number;
	bytes: number;
	seconds: number;
}

/**
 * Returns the figures of indexing the built site in `root`: writes `pagefind/`, and the local
 * index and client scripts into `_search/`.
 */
export async function indexSite(root: string, logger?: AstroIntegrationLogger): Promise<IndexingResult> {
	const started = performance.now();
	// Pagefind 1.6 takes its chunk size only from this variable, which the service it starts for
	// the index inherits; the name says unstable, so an upgrade that drops it only grows chunks.
	process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(indexChunkSize);
	const created = await pagefind.createIndex({ forceLanguage: 'sv' });
	if (!created.index) {
		for (const error of created.errors) logger?.error(error);
		throw new Error('Failed to start Pagefind.', { cause: created.errors });
	}
	const { index } = created;
	try {
		// Pages are read and handed to Pagefind a batch at a time, so the indexer works while the
		// next pages are read and sent, and memory stays flat on a large corpus. Within a batch
		// the pages are still sent in file order: Pagefind numbers pages in the order they
		// arrive, so another order would give another (equally valid) index.
		const files = await htmlFiles(root);
		const sources: LocalSource[] = [];
		for (let start = 0; start < files.length; start += indexBatch) {
			const batch = files.slice(start, start + indexBatch);
			const contents = await Promise.all(batch.map((file) => readFile(path.join(root, file), 'utf8')));
			const added = await Promise.all(
				batch.map((file, offset) => {
					const content = contents[offset];
					// Only occupation pages carry a body marker; the rest (index, areas, footer-only
					// pages) would otherwise match every query through their navigation.
					if (!content.includes('data-pagefind-body')) return null;
					return index.addHTMLFile({ sourcePath: file, content }).then((result) => {
						if (result.errors.length > 0) {
							for (const error of result.errors) logger?.error(`${file}: ${error}`);
							throw new Error(`Pagefind could not index ${file}.`, { cause: result.errors });
						}
						const { meta, url } = result.file;
						return {
							name: meta.title ?? url,
							path: url,
							areas: filterValues(content, areaFilter),
							synonyms: splitMeta(meta.synonymer),
							parts: (meta.namndelar ?? '').split(/\s+/).filter(Boolean),
							synonymParts: (meta.delar ?? '').split(/\s+/).filter(Boolean),
						};
					});
				})
			);
			for (const source of added) if (source) sources.push(source);
		}
		sources.sort((a, b) => a.name.localeCompare(b.name, 'sv'));

		const written = await index.writeFiles({ outputPath: path.join(root, 'pagefind') });
		if (written.errors.length > 0) {
			for (const error of written.errors) logger?.error(error);
			throw new Error('Failed to write the Pagefind index.', { cause: written.errors });
		}

		// Pagefind also writes its ready-made interfaces; this site has its own, so they go.
		const bundle = path.join(root, 'pagefind');
		for (const name of await readdir(bundle)) {
			if (/^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(name)) {
				await rm(path.join(bundle, name));
			}
		}

		const assets = path.join(root, searchAssetsDir);
		await mkdir(assets, { recursive: true });
		await writeFile(path.join(assets, 'local-index.js'), localIndexScript(buildLocalIndex(sources)));
		for (const [name, entry] of Object.entries(clientEntries)) {
			await writeFile(path.join(assets, name), await bundleClassic(entry));
		}

		const seconds = (performance.now() - started) / 1000;
		return { pages: sources.length, bytes: await folderBytes(path.join(root, 'pagefind')), seconds };
	} finally {
		await index.deleteIndex();
		await pagefind.close();
	}
}

/** Returns the Astro integration that builds the search index after every `astro build`. */
export default function pagefindSearch(): AstroIntegration {
	return {
		name: 'yrkesinfo-search',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				logger.info('Indexing occupation pages for search.');
				const { pages, bytes, seconds } = await indexSite(fileURLToPath(dir), logger);
				if (pages === 0) logger.warn('No page carries data-pagefind-body; search finds nothing.');
				logger.info(
					`Indexed ${pages} pages (${(bytes / 1024).toFixed(0)} KiB) in ${seconds.toFixed(2)}s.`
				);
			},
		},
	};
}
