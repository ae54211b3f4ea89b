import { cp, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Request } from 'playwright';
import { indexSite } from '../../src/integrations/pagefind.ts';
import {
	displayName,
	inflectionCases,
	namesWithWord,
	partFamilies,
	readSnapshotForEval,
	spread,
	uniqueSynonyms,
} from '../../src/lib/search-eval.ts';
import { splitterFor } from '../../src/lib/search-vocabulary.ts';
import { launchBrowser } from '../../tests/support/browser.ts';
import { buildSite } from '../../tests/support/build.ts';
import { testSnapshotDir } from '../../tests/support/corpus.ts';
import { serveStatic } from '../../tests/support/static-server.ts';
import { pagefindNames, searchField } from '../../tests/search/helpers.ts';

/*
 * Search figures in Chromium over a compressing local server: indexing time and size, the first
 * search from a cold page (bytes and latency), later searches (latency), and quality against
 * cases chosen by rule from the snapshot.
 */

const { values } = parseArgs({
	options: {
		snapshot: { type: 'string' },
		help: { type: 'boolean', short: 'h' },
	},
});
if (values.help) {
	console.log('Usage: node scripts/bench/search.ts [--snapshot DIR]\n\nDefaults to the test corpus.');
	process.exit(0);
}
const snapshot = path.resolve(values.snapshot ?? testSnapshotDir);
const started = performance.now();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (items: number[]) => [...items].sort((a, b) => a - b)[Math.floor(items.length / 2)];
const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

console.error(`Building ${snapshot} …`);
const site = await buildSite({ snapshot });

// Index a copy again on its own, so the figure is the indexing alone, not the whole build.
const copy = await mkdtemp(path.join(os.tmpdir(), 'search-bench-'));
await cp(site, copy, { recursive: true });
const indexing = await indexSite(copy);
await rm(copy, { recursive: true, force: true });

const { list, entries } = await readSnapshotForEval(snapshot);
const server = await serveStatic(site, { compress: true });
const browser = await launchBrowser();

try {
	// Cold: for each query a fresh context (empty cache), a page open, then the first search.
	// Names of several words are chosen by rule, as each word may load an index chunk of its own.
	const longNames = list.map((item) => displayName(item.namn)).filter((name) => name.includes(' '));
	const probeName = longNames[0] ?? displayName(list[0].namn);
	const firstQueries = [...new Set(['kockar', 'sjuksköterskor', 'tekniker', probeName, ...spread(longNames, 3)])];
	const coldRuns: { query: string; bytes: number; files: string[]; ms: number }[] = [];
	let pageBytes = 0;
	let pageRequests = 0;
	for (const query of firstQueries) {
		const coldContext = await browser.newContext();
		const coldPage = await coldContext.newPage();
		const requests: Request[] = [];
		coldPage.on('requestfinished', (request) => requests.push(request));
		await coldPage.goto(server.url, { waitUntil: 'networkidle' });
		pageRequests = requests.length;
		pageBytes = await transferred(requests);
		const result = await searchField(coldPage, query);
		await coldPage.waitForLoadState('networkidle');
		const searchRequests = requests
			.slice(pageRequests)
			.filter((request) => /\/(pagefind|_search)\//.test(new URL(request.url()).pathname));
		const files: string[] = [];
		for (const request of searchRequests) {
			files.push(`${new URL(request.url()).pathname}: ${kb(await wireBytes(request.url()))}`);
		}
		coldRuns.push({ query, bytes: await transferred(searchRequests), files, ms: result.ms });
		await coldContext.close();
	}

	// Warm: one page, one search to load everything, then the searches that are timed.
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(server.url, { waitUntil: 'networkidle' });
	await searchField(page, probeName);
	// A new word: the index chunk may be loaded, the results' fragments are not.
	const newWords = ['tekniker', 'sköterska', 'lärare', 'förare', 'ingenjör', 'kockar', 'polis'];
	newWords.push('montör', 'ekonom', 'snickare', 'sjukskoterska', 'barn', 'vård', 'data');
	const warm: number[] = [];
	for (const query of newWords) warm.push((await searchField(page, query)).ms);
	// As you type: every keystroke of a few words, as each prefix is searched in turn.
	const keystrokes: number[] = [];
	for (const word of ['elektriker', 'undersköterska', 'systemutvecklare']) {
		for (let length = 3; length <= word.length; length++) {
			keystrokes.push((await searchField(page, word.slice(0, length))).ms);
		}
	}

	// Quality, through Pagefind's API with the field's options.
	const quality = await browser.newPage();
	await quality.goto(server.url);
	const synonyms = uniqueSynonyms(list);
	const synonymTop = await pagefindNames(quality, synonyms.map((item) => item.synonym), 3);
	const synonymHits = synonyms.filter((item, index) => synonymTop[index].includes(item.owner));
	const synonymMisses = synonyms.filter((item, index) => !synonymTop[index].includes(item.owner));

	const inflection = await pagefindNames(quality, inflectionCases.map((item) => item.query), 3);
	const inflectionRows = inflectionCases.map((item, index) => {
		const owners = namesWithWord(list, item.word);
		return { ...item, owners, found: inflection[index].some((name) => owners.includes(name)) };
	});
	const judged = inflectionRows.filter((row) => row.owners.length > 0);

	const families = partFamilies(list, splitterFor(entries));
	const familyResults = await pagefindNames(quality, families.map((item) => item.part), 1000);
	const familyRows = families.map((family, index) => {
		const found = family.names.filter((name) => familyResults[index].includes(name)).length;
		return { ...family, found, recall: found / family.names.length };
	});
	const familyOk = familyRows.filter((row) => row.recall >= 0.9);

	console.log(`Snapshot: ${path.basename(snapshot)} (${list.length} occupations).\n`);
	console.log('| Figure | Value | Aim |');
	console.log('| --- | --- | --- |');
	console.log(`| Indexing (Pagefind + local index + scripts) | ${indexing.seconds.toFixed(2)} s for ${indexing.pages} pages | |`);
	console.log(`| Pagefind bundle on disk (index, fragments, wasm, JS) | ${kb(indexing.bytes)} | |`);
	console.log(`| Page load before any search (all requests) | ${kb(pageBytes)} in ${pageRequests} requests | |`);
	for (const run of coldRuns) {
		console.log(`| First search "${run.query}": transferred, focus to results | ${kb(run.bytes)} in ${run.files.length} requests, ${ms(run.ms)} | ≤ 140 KB: ${verdict(run.bytes <= 140 * 1024)} |`);
	}
	const worst = coldRuns.reduce((a, b) => (b.bytes > a.bytes ? b : a));
	console.log(`| **Worst first search** of ${coldRuns.length} ("${worst.query}") | ${kb(worst.bytes)} in ${worst.files.length} requests | ≤ 140 KB: ${verdict(worst.bytes <= 140 * 1024)} |`);
	console.log(`| Later search, a new word (median of ${warm.length}) | ${ms(median(warm))} (max ${ms(Math.max(...warm))}) | |`);
	console.log(`| Later search, each keystroke while typing (median of ${keystrokes.length}) | ${ms(median(keystrokes))} (max ${ms(Math.max(...keystrokes))}) | ≤ 50 ms: ${verdict(median(keystrokes) <= 50)} |`);
	console.log(`| Synonyms with their occupation in the top 3 | ${synonymHits.length}/${synonyms.length} (${pct(synonymHits.length, synonyms.length)}) | ≥ 95%: ${verdict(synonymHits.length >= 0.95 * synonyms.length)} |`);
	console.log(`| Inflected forms found (top 3) | ${judged.filter((row) => row.found).length}/${judged.length} | all: ${verdict(judged.every((row) => row.found))} |`);
	console.log(`| Compound parts in ≥ 3 names finding ≥ 90% of them | ${familyOk.length}/${familyRows.length} | all: ${verdict(familyOk.length === familyRows.length)} |`);

	console.log(`\nRequests of the worst first search ("${worst.query}"):\n`);
	for (const file of worst.files) console.log(`- ${file}`);
	console.log('\nInflections:\n');
	for (const row of inflectionRows) {
		console.log(`- "${row.query}" → ${row.found ? 'found' : row.owners.length ? 'NOT found' : 'no such occupation'} (${row.owners.join(', ') || '–'})`);
	}
	console.log('\nCompound parts (names found / names with the part):\n');
	console.log(familyRows.map((row) => `${row.part} ${row.found}/${row.names.length}`).join(', '));
	if (synonymMisses.length > 0) {
		console.log('\nSynonyms whose occupation was not in the top 3:\n');
		for (const miss of synonymMisses) {
			const index = synonyms.indexOf(miss);
			console.log(`- ${miss.synonym} → ${miss.owner} (got: ${synonymTop[index].join('; ')})`);
		}
	}
	const weak = familyRows.filter((row) => row.recall < 0.9);
	if (weak.length > 0) {
		console.log('\nCompound parts below 90%:\n');
		for (const row of weak) console.log(`- ${row.part}: ${row.found}/${row.names.length}`);
	}
	console.log(`\nMeasured in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
	await context.close();
} finally {
	await browser.close();
	await server.close();
}

/**
 * Returns the bytes a request moves over the wire (status line, headers and gzip body), asked
 * again of the server, because Chromium reports no body size for a worker's own script.
 */
function wireBytes(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
				let bytes = 0;
				const head = Object.entries(response.headers).map(([key, value]) => `${key}: ${value}\r\n`);
				bytes += `HTTP/1.1 ${response.statusCode}\r\n${head.join('')}\r\n`.length;
				response.on('data', (chunk: Buffer) => (bytes += chunk.length));
				response.on('end', () => resolve(bytes));
			})
			.on('error', reject);
	});
}

/** Returns the bytes these requests moved over the wire. */
async function transferred(requests: Request[]): Promise<number> {
	let total = 0;
	for (const request of requests) total += await wireBytes(request.url());
	return total;
}
