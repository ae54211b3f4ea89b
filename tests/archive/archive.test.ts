import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright';
import { findUrls } from '../../src/lib/archive/html.ts';
import { listFiles } from '../../src/lib/archive/index.ts';
import { readJson, readManifest, sampleSnapshotDir } from '../../src/lib/snapshot.ts';
import { launchBrowser } from '../support/browser.ts';
import { testSnapshotDir } from '../support/corpus.ts';
import { checkLinks } from '../support/link-check.ts';
import { recordRequests, unpackedArchive, type UnpackedArchive } from './support.ts';

const shotsDir = '/tmp/archive-shots';

interface Summary {
	id: number;
	namn: string;
}

let archive: UnpackedArchive;
let browser: Browser;

before(async () => {
	archive = await unpackedArchive(testSnapshotDir);
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	await archive?.remove();
});

/** Returns a browser context whose every request is recorded, and a page in it. */
async function openContext(
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<{ context: BrowserContext; page: Page; requests: string[]; errors: string[] }> {
	const context = await browser.newContext(options);
	const requests = await recordRequests(context);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	return { context, page, requests, errors };
}

/** Returns the requests that were not for a file on disk. */
function leftTheMachine(requests: string[]): string[] {
	return requests.filter((url) => !url.startsWith('file:'));
}

/** Returns the hex SHA-256 of a file. */
async function sha256(file: string): Promise<string> {
	return createHash('sha256')
		.update(await readFile(file))
		.digest('hex');
}

test('the zip is named after the snapshot, with the read-me first and index.html at its root', async () => {
	const manifest = await readManifest(testSnapshotDir);
	const name = path.basename(archive.result.file);
	assert.match(name, /^yrkesinfo-\d{4}-\d{2}-\d{2}\.zip$/);
	if (manifest.fetchedAt) assert.equal(name, `yrkesinfo-${manifest.fetchedAt.slice(0, 10)}.zip`);

	assert.equal(archive.names[0], 'LASMIG.txt');
	assert.ok(archive.names.includes('index.html'));

	const list = (await readJson(path.join(testSnapshotDir, 'yrken.json'))) as Summary[];
	const readme = await readFile(path.join(archive.dir, 'LASMIG.txt'), 'utf8');
	assert.match(readme, new RegExp(`${list.length} yrkesbeskrivningar`));
	assert.match(readme, /Källa: .+/);
	assert.match(
		readme,
		new RegExp(`Hämtad: .*${manifest.fetchedAt ? manifest.fetchedAt.slice(0, 10) : 'okänt datum'}`)
	);
	assert.match(readme, /Licens: .+/);
	assert.match(readme, /index\.html/);
});

test('the archive holds every file of the built site, the open data and every fetched image', async () => {
	const built = (await listFiles(archive.site)).filter((file) => file !== '_headers');
	const missing = built.filter((file) => !archive.names.includes(file));
	assert.deepEqual(missing, []);

	const openData = built.filter(
		(file) => /\.(json|csv)$/.test(file) && !file.startsWith('pagefind/')
	);
	assert.ok(openData.length > 0, 'the site publishes its data as files');

	await assertHoldsEveryImage(archive, testSnapshotDir);
});

/** Fails unless every image the snapshot's fetch downloaded is in the archive, by its bytes. */
async function assertHoldsEveryImage(target: UnpackedArchive, snapshot: string): Promise<void> {
	const manifest = await readManifest(snapshot);
	const inArchive = new Set(
		await Promise.all(
			target.names
				.filter((name) => /\.(png|jpe?g|webp|gif|svg|avif)$/i.test(name))
				.map((name) => sha256(path.join(target.dir, name)))
		)
	);
	for (const image of Object.values(manifest.images ?? {})) {
		assert.ok(
			inArchive.has(await sha256(path.join(snapshot, image))),
			`${image} is in the archive`
		);
	}
}

test('the link checker finds no broken link or anchor in the unpacked archive', async () => {
	assert.deepEqual(await checkLinks(archive.dir, '/'), []);
});

test('every internal URL in the archive is relative, names a file, and nothing loads from the network', async () => {
	const pages = archive.names.filter((name) => name.endsWith('.html'));
	const problems: string[] = [];
	for (const page of pages) {
		const html = await readFile(path.join(archive.dir, page), 'utf8');
		for (const found of findUrls(html)) {
			const { url } = found;
			if (url === '' || url.startsWith('#') || /^(data|mailto|tel|blob):/i.test(url)) continue;
			if (/^([a-z][a-z\d+.-]*:|\/\/)/i.test(url)) {
				if (found.use === 'load') problems.push(`${page}: loads ${url}`);
				continue;
			}
			if (url.startsWith('/')) problems.push(`${page}: root-absolute ${url}`);
			const target = fileURLToPath(new URL(url, archive.url(page)));
			if (!existsSync(target)) problems.push(`${page}: ${url} names no file`);
			else if (statSync(target).isDirectory()) problems.push(`${page}: ${url} is a folder`);
		}
	}
	for (const sheet of archive.names.filter((name) => name.endsWith('.css'))) {
		const css = await readFile(path.join(archive.dir, sheet), 'utf8');
		for (const match of css.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/g)) {
			problems.push(`${sheet}: loads ${match[1]}`);
		}
	}
	assert.deepEqual(problems.slice(0, 20), []);
});

test('external links stay as they were and say, visibly, that they lead outside the archive', async () => {
	const pages = archive.names.filter((name) => name.startsWith('yrken/') && name.endsWith('.html'));
	let page: string | undefined;
	for (const candidate of pages) {
		if (/<a [^>]*href="https?:/.test(await readFile(path.join(archive.dir, candidate), 'utf8'))) {
			page = candidate;
			break;
		}
	}
	if (!page) return assert.equal(archive.result.report.externalLinks, 0);

	const { context, page: tab, requests } = await openContext();
	await tab.goto(archive.url(page));
	const link = tab.locator('main a[href^="http"]').first();
	assert.match((await link.getAttribute('href')) ?? '', /^https?:\/\//);
	assert.match(await link.innerText(), /\(utanför arkivet\)/);
	const accessibleName = await link.evaluate((element) => element.textContent ?? '');
	assert.match(accessibleName, /utanför arkivet/);
	assert.deepEqual(leftTheMachine(requests), []);
	await context.close();
});

test('the request recorder catches a request that would leave the machine', async () => {
	const { context, page, requests } = await openContext();
	await page.goto(archive.url('index.html'));
	await page.evaluate(async () => {
		const image = new Image();
		image.src = 'http://127.0.0.1:9/spy.png';
		await new Promise((resolve) => image.addEventListener('error', resolve));
	});
	assert.deepEqual(leftTheMachine(requests), ['http://127.0.0.1:9/spy.png']);
	await context.close();
});

test('from disk: index, an occupation, a similar occupation and back, with nothing leaving the machine', async () => {
	const list = (await readJson(path.join(testSnapshotDir, 'yrken.json'))) as Summary[];
	const ids = new Set(list.map((entry) => entry.id));
	let start: Summary | undefined;
	for (const entry of list) {
		const record = (await readJson(path.join(testSnapshotDir, 'yrken', `${entry.id}.json`))) as {
			liknandeYrken?: { id: number }[] | null;
		};
		if (record.liknandeYrken?.some((similar) => ids.has(similar.id))) {
			start = entry;
			break;
		}
	}
	assert.ok(start, 'the snapshot has an occupation with a similar occupation');

	const { context, page, requests, errors } = await openContext();
	await page.goto(archive.url('index.html'));
	const stylesLoaded = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map(
			(link) => link.sheet !== null
		)
	);
	assert.ok(stylesLoaded.length > 0 && stylesLoaded.every(Boolean), 'style sheets load from disk');

	await page.getByRole('link', { name: start.namn, exact: true }).first().click();
	await page.waitForLoadState('load');
	const occupationUrl = page.url();
	assert.match(occupationUrl, /^file:.*\/index\.html$/);
	assert.equal((await page.locator('h1').innerText()).trim(), start.namn);

	const similarLink = page.locator('section:has(#liknande-yrken) a').first();
	const similarName = (await similarLink.innerText()).trim();
	await similarLink.click();
	await page.waitForLoadState('load');
	assert.match(page.url(), /^file:.*\/index\.html$/);
	assert.notEqual(page.url(), occupationUrl);
	assert.equal((await page.locator('h1').innerText()).trim(), similarName);

	await page.goBack();
	assert.equal(page.url(), occupationUrl);
	assert.equal((await page.locator('h1').innerText()).trim(), start.namn);

	const brokenImages = await page.evaluate(() =>
		[...document.images]
			.filter((image) => !image.complete || image.naturalWidth === 0)
			.map((image) => image.src)
	);
	assert.deepEqual(brokenImages, []);
	assert.ok(
		requests.some((url) => /^file:.*\.css$/.test(url)),
		'the recorder sees the requests for files on disk too'
	);
	assert.deepEqual(leftTheMachine(requests), []);
	assert.deepEqual(errors, []);
	await context.close();
});

test('the search field answers from disk with the offline fallback', async () => {
	const list = (await readJson(path.join(testSnapshotDir, 'yrken.json'))) as Summary[];
	const target = list[Math.floor(list.length / 2)];
	const { context, page, requests } = await openContext();

	await page.goto(archive.url('index.html'));
	await page.locator('#sok-falt').fill(target.namn);
	const hit = page.locator('.search-hit', { hasText: target.namn }).first();
	await hit.waitFor({ timeout: 10_000 });
	const hitUrl = await hit.evaluate((element) => (element as HTMLAnchorElement).href);
	assert.match(hitUrl, /^file:.*\/index\.html$/, 'a hit names a file');

	await hit.click();
	await page.waitForLoadState('load');
	assert.equal((await page.locator('h1').innerText()).trim(), target.namn);

	// The search page itself, as the form opens it when someone presses Enter.
	await page.goto(`${archive.url('sok/index.html')}?q=${encodeURIComponent(target.namn)}`);
	await page
		.locator('[data-search-results] a', { hasText: target.namn })
		.first()
		.waitFor({ timeout: 10_000 });

	assert.deepEqual(leftTheMachine(requests), []);
	await context.close();
});

test('axe finds no violations on the index and on an occupation page opened from disk', async () => {
	const { context, page } = await openContext();
	const occupation = archive.names.find((name) => /^yrken\/[^/]+\/index\.html$/.test(name));
	assert.ok(occupation);
	for (const file of ['index.html', occupation]) {
		await page.goto(archive.url(file));
		const { violations } = await new AxeBuilder({ page }).analyze();
		assert.deepEqual(
			violations.map((violation) => `${file}: ${violation.id} (${violation.nodes.length})`),
			[]
		);
	}
	await context.close();
});

test('images are intact in an archive of the sample, which has images', async () => {
	const sample =
		sampleSnapshotDir === testSnapshotDir ? archive : await unpackedArchive(sampleSnapshotDir);
	try {
		await assertHoldsEveryImage(sample, sampleSnapshotDir);
		const { context, page, requests } = await openContext();
		const pages = sample.names.filter((name) => /^yrken\/[^/]+\/index\.html$/.test(name));
		let checked = 0;
		for (const file of pages) {
			await page.goto(sample.url(file));
			const images = await page.evaluate(() =>
				[...document.images].map((image) => ({
					src: image.src,
					ok: image.complete && image.naturalWidth > 0,
				}))
			);
			for (const image of images) assert.ok(image.ok, `${file}: ${image.src} did not load`);
			checked += images.length;
		}
		assert.ok(checked > 0, 'the sample shows at least one image');
		assert.deepEqual(leftTheMachine(requests), []);
		await context.close();

		await screenshots(sample, 'sample');
	} finally {
		if (sample !== archive) await sample.remove();
	}
});

test('screenshots of the archive opened from disk, at desktop width and at 375 px', async () => {
	await screenshots(archive, 'archive');
});

/** Saves screenshots of the index and an occupation page of an archive, wide and narrow. */
async function screenshots(target: UnpackedArchive, label: string): Promise<void> {
	await mkdir(shotsDir, { recursive: true });
	const occupation = target.names.find((name) => /^yrken\/[^/]+\/index\.html$/.test(name));
	for (const [width, height, size] of [
		[1280, 900, 'desktop'],
		[375, 812, 'mobile'],
	] as const) {
		const { context, page } = await openContext({ viewport: { width, height } });
		for (const [file, name] of [
			['index.html', 'index'],
			[occupation ?? 'index.html', 'occupation'],
		]) {
			await page.goto(target.url(file));
			await page.screenshot({
				path: path.join(shotsDir, `${label}-${name}-${size}.png`),
				fullPage: false,
			});
		}
		await context.close();
	}
}
