import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright';
import { launchBrowser } from './support/browser.ts';
import { buildSite } from './support/build.ts';
import { testSnapshotDir } from './support/corpus.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

let browser: Browser;
let server: StaticServer;

before(async () => {
	const site = await buildSite({ snapshot: testSnapshotDir });
	server = await serveStatic(site);
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	await server?.close();
});

test('the home page opens in Chromium and is in Swedish', async () => {
	const page = await browser.newPage();
	await page.goto(server.url);

	assert.equal(await page.getAttribute('html', 'lang'), 'sv');
	assert.match(await page.locator('h1').innerText(), /Yrken/);
});
