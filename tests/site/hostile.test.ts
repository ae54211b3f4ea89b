import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright';
import { launchBrowser } from '../support/browser.ts';
import { runAstroBuild } from '../support/build.ts';
import { testSnapshotDir } from '../support/corpus.ts';
import { checkLinks } from '../support/link-check.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/*
 * A small snapshot of a few real records plus hostile ones: markup and script in names and texts,
 * links that are not http(s), a similar occupation that is missing, a slug collision, and a
 * sample manifest with one local image. Built once, directly, so the build log can be read.
 */

const hostileName = '<script>alert("namn")</script> Hackare & <b>fet</b>';
const hostileText =
	'<img src=x onerror="alert(1)"> Första stycket med <a href="javascript:alert(2)">länk</a>.\n\n' +
	'<script>alert(3)</script> Andra stycket.';
const imageLink = 'https://bilder.example.invalid/hackare.svg ';
const traversalLink = 'https://bilder.example.invalid/smyg.png';

let work: string;
let site: string;
let log: string;
let server: StaticServer;
let browser: Browser;

/** Returns a full v1 record for the hostile occupation. */
function hostileRecord(id: number, namn: string) {
	return {
		id,
		amsOccupationId: id,
		namn,
		kortSammanfattning: '<i>kort</i> sammanfattning',
		sammanfattning: hostileText,
		arbetsuppgifter: hostileText,
		arbetsplats: '',
		arbetsmiljo: null,
		arbetstid: '   ',
		internationellaMojligheter: null,
		yrkesomraden: ['<em>Område</em> & test'],
		formagor: { beskrivning: '<u>Förmågor</u>', detaljer: [{ kategori: '<b>Ärlig</b>', text: '<i>text</i>' }] },
		utbildningar: null,
		utbildningsvag: null,
		yrkesgrupperOchBenamningar: [{ ssyk: '9999', namn: '<b>Grupp</b>', taxonomiId: 1, taxonomiTyp: 'SSYK4' }],
		liknandeYrken: [{ id: 888888, namn: 'Saknat yrke <b>x</b>' }],
		lankar: [
			{ namn: 'Farlig', url: 'javascript:alert(4)', kategori: 'Extern information' },
			{ namn: 'Data', url: 'data:text/html,<script>alert(5)</script>', kategori: 'Extern information' },
			{ namn: 'Trygg <b>länk</b>', url: 'https://example.org/trygg', kategori: 'Extern information' },
		],
		intresseprofil: { primar: 'S', sekundar: 'E', tertiar: 'C' },
		bilder: [{ lank: imageLink, sammanfattning: 'En hackare vid en dator.', primar: true }],
		metadata: { version: 1, senastUppdaterad: '2018-11-19T14:21:43' },
	};
}

before(async () => {
	work = await mkdtemp(path.join(os.tmpdir(), 'yrkesinfo-hostile-'));
	const snapshot = path.join(work, 'snapshot');
	await mkdir(path.join(snapshot, 'yrken'), { recursive: true });
	await mkdir(path.join(snapshot, 'images'), { recursive: true });

	const list = JSON.parse(await readFile(path.join(testSnapshotDir, 'yrken.json'), 'utf8')).slice(0, 3);
	for (const item of list) {
		const detail = await readFile(path.join(testSnapshotDir, 'yrken', `${item.id}.json`), 'utf8');
		await writeFile(path.join(snapshot, 'yrken', `${item.id}.json`), detail);
	}
	const records = [hostileRecord(990001, hostileName), hostileRecord(990002, 'Script: alert, namn, script – Hackare B fet B')];
	records[1].bilder = [{ lank: traversalLink, sammanfattning: 'Pekar utanför.', primar: true }];
	for (const record of records) {
		await writeFile(path.join(snapshot, 'yrken', `${record.id}.json`), JSON.stringify(record));
		list.push({
			id: record.id,
			namn: record.namn,
			oneliner: '<b>ett</b> yrke',
			yrkesomraden: record.yrkesomraden,
			yrkessynonymer: ['<script>alert(6)</script>Synonym'],
		});
	}
	await writeFile(path.join(snapshot, 'yrken.json'), JSON.stringify(list));
	await writeFile(
		path.join(snapshot, 'images', 'hackare.svg'),
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3" fill="#456"/></svg>'
	);
	await writeFile(
		path.join(snapshot, 'manifest.json'),
		JSON.stringify({
			sample: true,
			fetchedAt: '2026-01-15T10:00:00Z',
			source: 'https://api.example.invalid/v1',
			images: { [imageLink]: 'images/hackare.svg', [traversalLink]: '../../../etc/passwd' },
		})
	);

	site = path.join(work, 'dist');
	const result = await runAstroBuild({
		YRKESINFO_SNAPSHOT: snapshot,
		YRKESINFO_OUT_DIR: site,
		YRKESINFO_BASE_PATH: '/',
		YRKESINFO_SITE_URL: 'https://yrken.example.org',
	});
	log = result.output;
	assert.equal(result.code, 0, log);
	server = await serveStatic(site);
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	await server?.close();
	if (work) await rm(work, { recursive: true, force: true });
});

const first = 'script-alert-namn-script-hackare-b-fet-b';
const second = `${first}-990002`;
const page = (slug: string) => readFileSync(path.join(site, 'yrken', slug, 'index.html'), 'utf8');

test('names and texts with markup render as visible text, never as elements', async () => {
	// Attribute values (meta description, og:title) may hold a literal "<", which HTML reads as
	// text; the body is where an element could be created.
	const body = page(first).split('<body>')[1];
	assert.doesNotMatch(body, /<script>alert/);
	assert.doesNotMatch(body, /<img src=x/);
	assert.doesNotMatch(body, /<b>fet<\/b>/);

	const tab = await browser.newPage();
	const dialogs: string[] = [];
	tab.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	await tab.goto(`${server.url}yrken/${first}/`);

	assert.equal(await tab.locator('h1').innerText(), hostileName);
	assert.match(await tab.locator('#sammanfattning + p, .lead').first().innerText(), /<i>kort<\/i>|<img src=x/);
	assert.match(await tab.locator('article').innerText(), /<script>alert\(3\)<\/script> Andra stycket\./);
	assert.equal(await tab.locator('article script, article img[src="x"], article b').count(), 0);
	assert.equal(await tab.locator('script:not([src]):not([type="application/ld+json"])').count(), 0);
	assert.equal(await tab.title(), `${hostileName} – Yrkesinfo`);
	assert.deepEqual(dialogs, []);
	await tab.close();
});

test('links that are not http(s) are dropped from the page and reported by the build', () => {
	const html = page(first);

	assert.doesNotMatch(html, /href="javascript:/i);
	assert.doesNotMatch(html, /href="data:/i);
	assert.match(html, /<a class="external" href="https:\/\/example\.org\/trygg" rel="noopener noreferrer">/);
	assert.match(log, /Occupation 990001 .*lankar\[0\]\.url "javascript:alert\(4\)"/);
	assert.match(log, /Occupation 990001 .*lankar\[1\]\.url "data:text\/html/);
});

test('a similar occupation missing from the snapshot is plain text, not a link', () => {
	const html = page(first);
	const section = html.split('id="liknande-yrken"')[1].split('</section>')[0];

	assert.match(section, /<li>Saknat yrke &lt;b&gt;x&lt;\/b&gt;<\/li>/);
	assert.doesNotMatch(section, /<a /);
});

test('names with the same slug get distinct, id-based URLs', () => {
	assert.ok(existsSync(path.join(site, 'yrken', second, 'index.html')));
	assert.ok(existsSync(path.join(site, 'yrken', first, 'index.html')));
});

test('a manifest image is copied into the build; one outside the snapshot is not', () => {
	const withImage = page(first);
	const withoutImage = page(second);

	assert.match(withImage, /<img src="\/bilder\/hackare\.svg" alt="En hackare vid en dator\."/);
	assert.ok(existsSync(path.join(site, 'bilder', 'hackare.svg')));
	assert.doesNotMatch(withoutImage, /<img /);
	assert.ok(!existsSync(path.join(site, 'bilder', 'passwd')));
});

test('a sample snapshot says on every page that its texts are sample texts', async () => {
	for (const file of ['index.html', 'om/index.html', '404.html', 'omraden/index.html']) {
		assert.match(readFileSync(path.join(site, file), 'utf8'), /Exempeltexter/, file);
	}
	assert.match(page(second), /Exempeltexter/);
	assert.match(page(second), /15 januari 2026/);
});

test('with a site URL, pages have canonical URLs and the build has a sitemap', () => {
	const html = page(second);

	assert.match(html, /<link rel="canonical" href="https:\/\/yrken\.example\.org\/yrken\/script-alert-namn-script-hackare-b-fet-b-990002\/">/);
	assert.ok(existsSync(path.join(site, 'sitemap-index.xml')));
	assert.match(readFileSync(path.join(site, 'robots.txt'), 'utf8'), /Sitemap: https:\/\/yrken\.example\.org\/sitemap-index\.xml/);
	const json = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)?.[1] ?? '';
	assert.doesNotMatch(json, /<\/?script/i);
	assert.equal(JSON.parse(json).occupationalCategory[0].codeValue, '9999');
});

test('the hostile build has no broken links of its own', async () => {
	const broken = (await checkLinks(site, '/')).filter((link) => !/sok\/|_search\//.test(link.href));

	assert.deepEqual(broken, []);
});
