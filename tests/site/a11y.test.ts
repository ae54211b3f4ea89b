import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from '../support/build.ts';
import { testSnapshotDir } from '../support/corpus.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/*
 * Real Chromium with axe-core on one page of each kind, at desktop width and at 375 px.
 * Set YRKESINFO_SCREENSHOTS to a folder to also save screenshots (light and dark) to look at.
 */

const widths = [
	{ name: 'desktop', width: 1440, height: 900 },
	{ name: 'mobil', width: 375, height: 812 },
];
const shots = process.env.YRKESINFO_SCREENSHOTS;

let browser: Browser;
let server: StaticServer;
let pages: { name: string; path: string }[];

before(async () => {
	const site = await buildSite({ snapshot: testSnapshotDir });
	server = await serveStatic(site);
	browser = await launchBrowser();

	const index = readFileSync(path.join(site, 'index.html'), 'utf8');
	const occupation = index.match(/<a href="\/(yrken\/[^"]+\/)">/)?.[1];
	const area = readFileSync(path.join(site, 'omraden', 'index.html'), 'utf8').match(
		/<a href="\/(omraden\/[^"]+\/)">/
	)?.[1];
	assert.ok(occupation && area);
	pages = [
		{ name: 'index', path: '' },
		{ name: 'yrke', path: occupation },
		{ name: 'omrade', path: area },
		{ name: 'om', path: 'om/' },
		{ name: '404', path: 'finns-inte/' },
	];
	if (shots) await mkdir(shots, { recursive: true });
});

after(async () => {
	await browser?.close();
	await server?.close();
});

/** Returns a description of each axe violation on the page, empty when there is none. */
async function violations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	return results.violations.map(
		(violation) =>
			`${violation.id}: ${violation.help} (${violation.nodes
				.slice(0, 3)
				.map((node) => node.target.join(' '))
				.join(', ')})`
	);
}

for (const { name, width, height } of widths) {
	test(`axe finds no violations on each kind of page at ${width} px`, async () => {
		for (const scheme of ['light', 'dark'] as const) {
			const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
			const page = await context.newPage();
			const blocked: string[] = [];
			page.on('console', (message) => {
				if (/Content.Security.Policy|Refused to/i.test(message.text())) blocked.push(message.text());
			});
			for (const target of pages) {
				// Dark mode changes only colours, so one page (with every kind of element) checks them;
				// axe on the long index takes far longer than on any other page.
				const check = scheme === 'light' || target.name === 'yrke';
				if (!check && !shots) continue;
				await page.goto(server.url + target.path);
				if (check) {
					assert.deepEqual(await violations(page), [], `${target.name}, ${width} px, ${scheme}`);
				}
				if (shots) {
					await page.screenshot({
						path: path.join(shots, `${target.name}-${name}-${scheme}.png`),
						fullPage: target.name !== 'index',
					});
				}
			}
			assert.deepEqual(blocked, [], 'the Content-Security-Policy blocked something');
			await context.close();
		}
	});
}

test('an occupation page fits 320 px without sideways scrolling', async () => {
	const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	for (const target of pages) {
		await page.goto(server.url + target.path);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
		assert.ok(overflow <= 0, `${target.name} is ${overflow} px too wide`);
	}
	await context.close();
});

test('keyboard users can skip to the content and see where focus is', async () => {
	const page = await browser.newPage();
	await page.goto(server.url + pages[1].path);
	await page.keyboard.press('Tab');

	assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hoppa till innehållet');
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
	assert.notEqual(outline, 'none');
	await page.keyboard.press('Enter');
	assert.equal(await page.evaluate(() => location.hash), '#innehall');
	await page.close();
});
