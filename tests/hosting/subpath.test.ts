import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright';
import { readJson } from '../../src/lib/snapshot.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from '../support/build.ts';
import { testSnapshotDir } from '../support/corpus.ts';
import { checkLinks } from '../support/link-check.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

const base = '/yrken-ao/';

let site: string;
let server: StaticServer;
let browser: Browser;

before(async () => {
	site = await buildSite({ snapshot: testSnapshotDir, base });
	server = await serveStatic(site, { base, compress: true });
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	await server?.close();
});

interface Visit {
	context: BrowserContext;
	page: Page;
	/** Every response, as `status url`. */
	responses: string[];
}

/** Returns a page whose responses are recorded. */
async function visit(): Promise<Visit> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const responses: string[] = [];
	page.on('response', (response) => responses.push(`${response.status()} ${response.url()}`));
	return { context, page, responses };
}

/** Returns the responses that failed or were asked for outside the base path. */
function problems(responses: string[], allowed: string[] = []): string[] {
	return responses.filter((line) => {
		const [status, url] = line.split(' ');
		if (allowed.includes(url)) return false;
		return Number(status) >= 400 || !url.startsWith(server.origin + base);
	});
}

test('the link checker finds no broken link or anchor in the site built at the root', async () => {
	const rootSite = await buildSite({ snapshot: testSnapshotDir });
	assert.deepEqual(await checkLinks(rootSite, '/'), []);
});

test('the link checker finds no broken link or anchor in the site built under a subpath', async () => {
	assert.deepEqual(await checkLinks(site, base), []);
});

test('served from a subpath, pages, styles and links stay below it, with clean URLs', async () => {
	const { context, page, responses } = await visit();
	await page.goto(server.url);
	const sheets = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map(
			(link) => link.sheet !== null
		)
	);
	assert.ok(sheets.length > 0 && sheets.every(Boolean), 'style sheets load');

	const occupation = page.locator('main a[href*="/yrken/"]').first();
	const target = await occupation.getAttribute('href');
	assert.match(target ?? '', new RegExp(`^${base}yrken/[^/]+/$`), 'a clean URL below the base');
	await occupation.click();
	await page.waitForLoadState('load');
	assert.equal(new URL(page.url()).pathname, target);

	assert.deepEqual(problems(responses), []);
	await context.close();
});

test('the 404 page works at any depth below the subpath', async () => {
	const { context, page, responses } = await visit();
	const missing = `${server.url}yrken/finns-inte/alls/`;
	const response = await page.goto(missing);
	assert.equal(response?.status(), 404);

	const sheets = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map(
			(link) => link.sheet !== null
		)
	);
	assert.ok(sheets.length > 0 && sheets.every(Boolean), 'the 404 page is styled');

	const links = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLAnchorElement>('a[href]:not([href^="#"])')]
			.map((link) => link.href)
			.filter((href) => href.startsWith(location.origin))
	);
	assert.ok(links.length > 0);
	for (const link of new Set(links.map((href) => href.split('#')[0]))) {
		assert.ok(link.startsWith(server.url), `${link} stays below ${base}`);
		const answer = await page.request.get(link);
		assert.equal(answer.status(), 200, link);
	}
	assert.deepEqual(problems(responses, [missing]), []);
	await context.close();
});

test('search works from the subpath, with Pagefind loading below it', async () => {
	const list = (await readJson(path.join(testSnapshotDir, 'yrken.json'))) as { namn: string }[];
	const target = list[Math.floor(list.length / 3)];
	const { context, page, responses } = await visit();

	await page.goto(server.url);
	await page.locator('#sok-falt').fill(target.namn);
	const hit = page.locator('.search-hit', { hasText: target.namn }).first();
	await hit.waitFor({ timeout: 15_000 });
	assert.ok(
		responses.some((line) => line === `200 ${server.url}pagefind/pagefind.js`),
		'Pagefind itself answered, not the offline fallback'
	);

	await hit.click();
	await page.waitForLoadState('load');
	assert.equal((await page.locator('h1').innerText()).trim(), target.namn);
	assert.ok(new URL(page.url()).pathname.startsWith(base));
	assert.deepEqual(problems(responses), []);
	await context.close();
});
