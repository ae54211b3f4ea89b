import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { buildSite } from '../support/build.ts';
import { hasRealCorpus, testSnapshotDir } from '../support/corpus.ts';
import { checkLinks } from '../support/link-check.ts';
import type { OccupationSummary } from '../../src/lib/schema.ts';

let site: string;
let listed: OccupationSummary[];

/** Returns every HTML file of the build, relative to it. */
function htmlFiles(): string[] {
	return readdirSync(site, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.html'))
		.map((file) => file.split(path.sep).join('/'));
}

const read = (file: string) => readFileSync(path.join(site, file), 'utf8');

/** Returns the text of an HTML fragment with tags removed and entities decoded. */
function textOf(html: string): string {
	return html
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.trim();
}

before(async () => {
	site = await buildSite({ snapshot: testSnapshotDir });
	listed = JSON.parse(readFileSync(path.join(testSnapshotDir, 'yrken.json'), 'utf8'));
});

test('every occupation gets a page (323 from the real corpus)', () => {
	const pages = readdirSync(path.join(site, 'yrken')).filter((slug) =>
		existsSync(path.join(site, 'yrken', slug, 'index.html'))
	);

	assert.equal(pages.length, listed.length);
	if (hasRealCorpus) assert.equal(pages.length, 323);
});

test('every internal link and anchor resolves', async () => {
	assert.deepEqual(await checkLinks(site, '/'), []);
});

test('the index groups run in Swedish order and every occupation is listed', () => {
	const html = read('index.html');
	const headings = [...html.matchAll(/<h2 id="bokstav-[a-z]+">([^<]+)<\/h2>/g)].map((match) => match[1]);
	const letters = headings.filter((heading) => heading.length === 1);
	const swedish = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ'];

	assert.ok(letters.length > 0);
	assert.deepEqual(letters, swedish.filter((letter) => letters.includes(letter)));
	const starts = new Set(listed.map((item) => item.namn.trim()[0].toUpperCase()));
	for (const letter of ['Å', 'Ä', 'Ö']) {
		if (starts.has(letter)) assert.ok(letters.includes(letter), `the index has no ${letter} group`);
	}

	const collator = new Intl.Collator('sv', { numeric: true });
	for (const section of html.split('<section class="index-group"').slice(1)) {
		const group = section.split('</section>')[0];
		const names = [...group.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((match) =>
			textOf(match[1].split(/<span class="oneliner">| <span aria-hidden/)[0])
		);
		const sorted = [...names].sort(collator.compare);
		assert.deepEqual(names, sorted);
	}
	assert.match(html, new RegExp(`>${listed.length} yrken<`));
	for (const item of listed) assert.ok(html.includes(`>${item.namn.replace(/&/g, '&amp;')}</a>`), item.namn);
});

test('letters without occupations are shown but not links', () => {
	const html = read('index.html');
	const bar = html.split('class="letter-bar"')[1].split('</nav>')[0];
	const shown = [...bar.matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1]);

	assert.ok(shown.length >= 29);
	for (const item of shown) {
		const letter = textOf(item.replace(/<span class="visually-hidden">.*?<\/span>/, ''));
		if (item.startsWith('<a ')) {
			assert.match(item, /^<a href="#bokstav-[a-z]+">/, letter);
		} else {
			assert.match(item, /inga yrken/, letter);
			assert.ok(!html.includes(`>${letter}</h2>`), `${letter} has a group but no link`);
		}
	}
});

test('pages load one external stylesheet, ship the CSP, and run no inline script', () => {
	for (const file of htmlFiles()) {
		const html = read(file);
		assert.match(html, /<html lang="sv">/, file);
		assert.match(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*style-src 'self'/, file);
		assert.match(html, /<link rel="stylesheet" href="\/_astro\/[^"]+\.css">/, file);
		assert.doesNotMatch(html, /<style[\s>]/, file);
		assert.doesNotMatch(html, /\sstyle="/, file);
		assert.doesNotMatch(html, /\son[a-z]+="/, file);
		for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
			assert.ok(/\ssrc="/.test(tag) || /type="application\/ld\+json"/.test(tag), `${file}: ${tag}`);
		}
	}
});

test('only occupation pages are marked as search content', () => {
	for (const file of htmlFiles()) {
		const marked = read(file).includes('data-pagefind-body');
		assert.equal(marked, /^yrken\/[^/]+\/index\.html$/.test(file), file);
	}
});

test('images are local files with alt text, never remote', () => {
	for (const file of htmlFiles()) {
		for (const [tag] of read(file).matchAll(/<img\b[^>]*>/g)) {
			assert.match(tag, /\salt="/, `${file}: ${tag}`);
			assert.doesNotMatch(tag, /src="(https?:)?\/\//, `${file}: ${tag}`);
		}
	}
});

test('an occupation page has its name, metadata and JSON-LD Occupation', () => {
	const first = listed[0];
	const file = htmlFiles().find(
		(candidate) =>
			candidate.startsWith('yrken/') &&
			read(candidate).includes(`<h1>${first.namn.replace(/&/g, '&amp;')}</h1>`)
	);
	assert.ok(file, `no page has the h1 ${first.namn}`);
	const html = read(file);
	const json = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)?.[1];
	assert.ok(json);
	const data = JSON.parse(json);

	assert.equal(data['@type'], 'Occupation');
	assert.equal(data.name, first.namn);
	assert.match(html, /<meta name="description" content="[^"]{20,}"/);
	assert.match(html, /<meta property="og:title" content="/);
	assert.match(html, /<title>[^<]+ – Yrkesinfo<\/title>/);
	assert.match(html, /<nav class="toc"/);
	assert.match(html, /id="om-uppgifterna"/);
	assert.doesNotMatch(html, /rel="canonical"/, 'no canonical without YRKESINFO_SITE_URL');
});

test('external links carry rel="noopener noreferrer" and screen-reader text', () => {
	let seen = 0;
	for (const file of htmlFiles().filter((name) => name.startsWith('yrken/'))) {
		for (const [anchor] of read(file).matchAll(/<a\b[^>]*href="https?:[^>]*>.*?<\/a>/g)) {
			seen++;
			assert.match(anchor, /rel="noopener noreferrer"/, anchor);
			assert.match(anchor, /\(extern webbplats\)/, anchor);
		}
	}
	assert.ok(seen > 0);
});

test('the open data downloads hold every occupation', () => {
	const json = JSON.parse(read('data/yrken.json'));
	const csv = read('data/yrken.csv').replace(/^\uFEFF/, '');

	assert.equal(json.yrken.length, listed.length);
	assert.equal(json.count, listed.length);
	assert.ok('fetchedAt' in json && 'source' in json);
	assert.equal(csv.split('\r\n').filter(Boolean).length, listed.length + 1);
	assert.match(csv, /^id,namn,url,/);
	assert.match(read('index.html'), /href="\/data\/yrken\.json"/);
	assert.match(read('index.html'), /href="\/data\/yrken\.csv"/);
});

test('robots.txt allows crawling, the 404 page is not indexed, areas have pages', () => {
	assert.match(read('robots.txt'), /^User-agent: \*/m);
	assert.match(read('404.html'), /<meta name="robots" content="noindex">/);
	const areas = new Set(listed.flatMap((item) => item.yrkesomraden ?? []));
	const areaIndex = read('omraden/index.html');
	for (const area of areas) assert.ok(areaIndex.includes(`>${area.replace(/&/g, '&amp;')}</a>`), area);
	const pages = readdirSync(path.join(site, 'omraden')).filter((name) => !name.endsWith('.html'));
	assert.equal(pages.length, areas.size);
});
