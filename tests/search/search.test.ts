import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright';
import {
	displayName,
	inflectionCases,
	namesWithWord,
	partFamilies,
	readSnapshotForEval,
	spread,
	uniqueSynonyms,
	withoutSwedishLetters,
} from '../../src/lib/search-eval.ts';
import type { OccupationEntry, OccupationSummary } from '../../src/lib/schema.ts';
import { splitterFor } from '../../src/lib/search-vocabulary.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from '../support/build.ts';
import { testSnapshotDir } from '../support/corpus.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { searchField } from './helpers.ts';

let browser: Browser;
let server: StaticServer;
let page: Page;
let list: OccupationSummary[];
let entries: OccupationEntry[];

before(async () => {
	const site = await buildSite({ snapshot: testSnapshotDir });
	server = await serveStatic(site, { compress: true });
	browser = await launchBrowser();
	({ list, entries } = await readSnapshotForEval(testSnapshotDir));
	page = await browser.newPage();
	await page.goto(server.url);
});

after(async () => {
	await browser?.close();
	await server?.close();
});

/** Returns the names on the search page for a query, after "Visa fler" until all are shown. */
async function searchPageNames(tab: Page, query: string): Promise<string[]> {
	await tab.goto(`${server.url}sok/?q=${encodeURIComponent(query)}`);
	await tab.waitForSelector(`[data-search-page][data-query="${query}"]`);
	const more = tab.locator('[data-search-more]');
	while (await more.isVisible()) {
		const shown = await tab.locator('.search-page-results li').count();
		await more.click();
		await tab.waitForFunction(
			(before) => document.querySelectorAll('.search-page-results li').length > before,
			shown
		);
	}
	return tab.locator('.search-page-results .search-hit-name').allTextContents();
}

test('nothing of search loads before the field is used, and then it loads', async () => {
	const tab = await browser.newPage();
	const requests: string[] = [];
	tab.on('request', (request) => requests.push(new URL(request.url()).pathname));
	await tab.goto(server.url, { waitUntil: 'networkidle' });

	const scripts = requests.filter((path) => path.endsWith('.js'));
	assert.deepEqual(scripts, ['/_search/boot.js'], 'only the boot script before interaction');
	const searchAssets = requests.filter((path) => /^\/pagefind\/|^\/_search\/(?!boot)/.test(path));
	assert.deepEqual(searchAssets, [], 'no script, wasm or index of search before interaction');
	const boot = await (await fetch(`${server.url}_search/boot.js`)).text();
	assert.ok(boot.length < 1024, `the boot script is ${boot.length} bytes`);

	await tab.focus('[data-search-input]');
	await tab.waitForRequest((request) => request.url().includes('/pagefind/wasm.sv'));
	assert.ok(requests.includes('/_search/ui.js'));
	await tab.close();
});

test('the shortcut hint says ⌘K on Apple platforms and Ctrl K elsewhere', async () => {
	const hints: Record<string, string> = {};
	for (const platform of ['MacIntel', 'iPhone', 'Win32', 'Linux x86_64']) {
		const context = await browser.newContext();
		await context.addInitScript((value) => {
			Object.defineProperty(Navigator.prototype, 'platform', { get: () => value });
		}, platform);
		const tab = await context.newPage();
		await tab.goto(server.url);
		await tab.waitForLoadState('load');
		hints[platform] = (await tab.locator('.search-shortcut').textContent()) ?? '';
		await context.close();
	}
	assert.deepEqual(hints, { MacIntel: '⌘K', iPhone: '⌘K', Win32: 'Ctrl K', 'Linux x86_64': 'Ctrl K' });
});

test('the search page loads its own script, other pages the field alone', async () => {
	const tab = await browser.newPage();
	const scripts: string[] = [];
	tab.on('request', (request) => scripts.push(new URL(request.url()).pathname));
	await tab.goto(`${server.url}sok/?q=tekniker`);
	await tab.waitForSelector('[data-search-page][data-query="tekniker"]');
	assert.ok(scripts.includes('/_search/page.js'), scripts.join(' '));
	assert.ok(!scripts.includes('/_search/ui.js'), 'the search page needs no second copy of the field');
	await tab.close();
});

test('twenty synonyms chosen by rule find their occupation in the top 3', async () => {
	const cases = spread(uniqueSynonyms(list), 20);
	assert.ok(cases.length >= 10, 'the snapshot has enough single-owner synonyms');
	const misses: string[] = [];
	for (const { synonym, owner } of cases) {
		const { names } = await searchField(page, synonym);
		if (!names.slice(0, 3).includes(owner)) misses.push(`${synonym} → ${owner} (got ${names.slice(0, 3).join('; ')})`);
	}
	assert.deepEqual(misses, []);
});

test('inflected forms find their occupation', async () => {
	for (const { query, word } of inflectionCases) {
		const owners = namesWithWord(list, word);
		assert.ok(owners.length > 0, `the snapshot has an occupation named with "${word}"`);
		const { names } = await searchField(page, query);
		assert.ok(names.slice(0, 3).some((name) => owners.includes(name)), `${query}: ${names.join('; ')}`);
	}
});

test('queries typed without å, ä and ö find the occupation', async () => {
	const named = list.map((item) => displayName(item.namn)).filter((name) => /[åäöÅÄÖ]/.test(name));
	for (const name of spread(named, 5)) {
		const { names } = await searchField(page, withoutSwedishLetters(name));
		assert.ok(names.slice(0, 3).includes(name), `${withoutSwedishLetters(name)}: ${names.join('; ')}`);
	}
});

test('compound parts find every occupation whose name contains them', async () => {
	// Families of two names count here, so the small sample's two technicians are judged too.
	const families = partFamilies(list, splitterFor(entries), 2);
	const wanted = families.filter((family) => ['sköterska', 'tekniker'].includes(family.part));
	assert.equal(wanted.length, 2, 'the snapshot has -sköterska and -tekniker families');
	const tab = await browser.newPage();
	for (const family of [...wanted, ...families.slice(0, 2)]) {
		const names = await searchPageNames(tab, family.part);
		const missing = family.names.filter((name) => !names.includes(name));
		assert.deepEqual(missing, [], `"${family.part}" misses names that contain it`);
	}
	await tab.close();
});

test('a typo gets a suggestion of the name it meant', async () => {
	const name = list
		.map((item) => displayName(item.namn))
		.filter((candidate) => /^\p{L}{9,}$/u.test(candidate))
		.sort((a, b) => a.localeCompare(b, 'sv'))[0];
	assert.ok(name, 'the snapshot has a one-word name of nine letters or more');
	// Drop the third letter from the end: a typo in the word's tail, the part a prefix never has.
	const typo = name.slice(0, -3) + name.slice(-2);
	const { suggestions } = await searchField(page, typo);
	assert.ok(suggestions.includes(name), `${typo}: suggested ${suggestions.join('; ')}`);
	const status = page.locator('.search [role=status]');
	await page.waitForFunction(() => /Menade du/.test(document.querySelector('.search [role=status]')?.textContent ?? ''));
	assert.match((await status.textContent()) ?? '', new RegExp(`Menade du ${name}`));
});

test('the keyboard finds, moves through, closes and opens results', async () => {
	const tab = await browser.newPage();
	await tab.goto(server.url);
	const isMac = process.platform === 'darwin';
	await tab.keyboard.press(isMac ? 'Meta+K' : 'Control+K');
	assert.equal(await tab.evaluate(() => document.activeElement?.id), 'sok-falt');

	const query = uniqueSynonyms(list)[0].synonym;
	await tab.keyboard.type(query);
	const input = tab.locator('#sok-falt');
	await tab.waitForSelector(`.search-popup[data-query="${query}"]`);
	assert.equal(await input.getAttribute('aria-expanded'), 'true');
	await tab.waitForFunction(() => /träff/.test(document.querySelector('.search [role=status]')?.textContent ?? ''));

	await tab.keyboard.press('ArrowDown');
	const first = await input.getAttribute('aria-activedescendant');
	assert.ok(first);
	assert.equal(await tab.getAttribute(`#${first}`, 'aria-selected'), 'true');
	await tab.keyboard.press('ArrowDown');
	await tab.keyboard.press('ArrowUp');
	assert.equal(await input.getAttribute('aria-activedescendant'), first);

	await tab.keyboard.press('Escape');
	assert.equal(await input.getAttribute('aria-expanded'), 'false');
	assert.equal(await tab.locator('.search-popup').isVisible(), false);
	assert.equal(await input.inputValue(), query, 'the first Escape keeps the query');

	await tab.keyboard.press('ArrowDown');
	await tab.waitForSelector('.search-popup:not([hidden])');
	await tab.keyboard.press('ArrowDown');
	const target = await tab.getAttribute(`#${await input.getAttribute('aria-activedescendant')}`, 'href');
	await Promise.all([tab.waitForURL(new URL(target!, server.url).href), tab.keyboard.press('Enter')]);
	assert.match(await tab.locator('h1').innerText(), /\S/);
	await tab.close();
});

test('the area filter on the search page narrows the results and lives in the URL', async () => {
	const tab = await browser.newPage();
	const query = 'tekniker';
	const all = await searchPageNames(tab, query);
	const radios = tab.locator('[data-search-filters] input[name="omrade"]');
	const labels = await tab.locator('[data-search-filters] fieldset:first-of-type label').allTextContents();
	assert.ok(labels.length >= 3, `"Alla" and at least two areas: ${labels.join('; ')}`);

	// The area with the fewest results, so the narrowing shows.
	const counts = labels.slice(1).map((label) => Number(label.match(/\((\d+)\)/)?.[1]));
	const pick = counts.indexOf(Math.min(...counts)) + 1;
	const area = await radios.nth(pick).getAttribute('value');
	await radios.nth(pick).check();
	await tab.waitForURL((url) => url.searchParams.get('omrade') === area);
	await tab.waitForFunction(
		(expected) => document.querySelectorAll('.search-page-results li').length === expected,
		counts[pick - 1]
	);
	const areas = await tab.locator('.search-page-results .search-hit-area').allTextContents();
	assert.ok(areas.length < all.length);
	assert.ok(areas.every((text) => text.includes(area!)), areas.join(' | '));

	await tab.goBack();
	await tab.waitForURL((url) => !url.searchParams.has('omrade') && url.searchParams.get('q') === query);
	await tab.waitForFunction(
		(expected) => document.querySelectorAll('.search-page-results li').length >= Math.min(expected, 20),
		all.length
	);
	await tab.close();
});

test('results link to pages that exist and search breaks no CSP rule', async () => {
	const tab = await browser.newPage();
	const refused: string[] = [];
	tab.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
	});
	await tab.goto(server.url);
	const { synonym, owner } = uniqueSynonyms(list)[1];
	await searchField(tab, synonym);
	const option = tab.locator('.search-hit', { hasText: owner }).first();
	const link = await option.getAttribute('href');
	assert.match(link ?? '', /^\/yrken\/[^/]+\/$/);
	const response = await tab.goto(new URL(link!, server.url).href);
	assert.equal(response?.status(), 200);
	assert.deepEqual(refused, []);
	await tab.close();
});

test('under a base path the field loads and its results stay below the base', async () => {
	const base = '/yrken-ao/';
	const site = await buildSite({ snapshot: testSnapshotDir, base });
	const subServer = await serveStatic(site, { base, compress: true });
	try {
		const tab = await browser.newPage();
		await tab.goto(subServer.url);
		const { synonym, owner } = uniqueSynonyms(list)[2];
		await searchField(tab, synonym);
		const link = await tab.locator('.search-hit', { hasText: owner }).first().getAttribute('href');
		assert.ok(link?.startsWith(`${base}yrken/`), link ?? '');
		assert.equal((await tab.goto(new URL(link!, subServer.url).href))?.status(), 200);
		await tab.close();
	} finally {
		await subServer.close();
	}
});

test('the open list, a suggestion and the search page pass axe', async () => {
	const context = await browser.newContext();
	const tab = await context.newPage();
	const check = async (state: string) => {
		const results = await new AxeBuilder({ page: tab })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
			.analyze();
		return results.violations.map((item) => `${state}: ${item.id} (${item.nodes[0]?.html.slice(0, 100)})`);
	};
	// A short page, so axe spends its time on the search and not on the A–Ö index.
	await tab.goto(`${server.url}sok/`);
	await searchField(tab, 'tekniker');
	await tab.keyboard.press('ArrowDown');
	const found = await check('list');
	await searchField(tab, 'teknikerr');
	found.push(...(await check('suggestion')));
	await tab.goto(`${server.url}sok/?q=tekniker`);
	await tab.waitForSelector('[data-search-page][data-query="tekniker"]');
	found.push(...(await check('search page')));
	assert.deepEqual(found, []);
	await context.close();
});
