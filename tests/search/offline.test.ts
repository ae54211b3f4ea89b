import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright';
import { readSnapshotForEval, spread, uniqueSynonyms } from '../../src/lib/search-eval.ts';
import type { OccupationSummary } from '../../src/lib/schema.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from '../support/build.ts';
import { testSnapshotDir } from '../support/corpus.ts';
import { searchField } from './helpers.ts';

let browser: Browser;
let site: string;
let list: OccupationSummary[];

before(async () => {
	site = await buildSite({ snapshot: testSnapshotDir });
	browser = await launchBrowser();
	({ list } = await readSnapshotForEval(testSnapshotDir));
});

after(async () => {
	await browser?.close();
});

test('opened from disk, the field falls back to the local index and finds by synonym', async () => {
	const page = await browser.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(pathToFileURL(path.join(site, 'index.html')).href);

	for (const { synonym, owner } of spread(uniqueSynonyms(list), 3)) {
		const { names } = await searchField(page, synonym);
		assert.ok(names.slice(0, 3).includes(owner), `${synonym}: ${names.join('; ')}`);

		// The result links to the page's file, which exists, even before the archive rewrites links.
		const link = await page.locator('.search-hit', { hasText: owner }).first().getAttribute('href');
		assert.match(link ?? '', /^file:.*\/yrken\/[^/]+\/index\.html$/);
		assert.ok(existsSync(new URL(link!)), link!);
	}
	assert.match(
		(await page.locator('.search-note').textContent()) ?? '',
		/http/,
		'the field says that full-text search needs http'
	);
	assert.deepEqual(errors, []);
	await page.close();
});

test('opened from disk, a typo still gets a suggestion', async () => {
	const page = await browser.newPage();
	await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
	const { synonym } = uniqueSynonyms(list).find((item) => /^\p{L}{8,}$/u.test(item.synonym))!;
	const typo = synonym.slice(0, 2) + synonym.slice(3);
	const { suggestions } = await searchField(page, typo);
	assert.ok(suggestions.includes(synonym), `${typo}: ${suggestions.join('; ')}`);
	await page.close();
});
