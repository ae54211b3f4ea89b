import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUrls } from '../../src/lib/archive/html.ts';
import {
	emptyReport,
	externalLinkNote,
	rewriteCss,
	rewritePage,
	type RewriteContext,
} from '../../src/lib/archive/rewrite.ts';

const files = new Set([
	'index.html',
	'404.html',
	'favicon.svg',
	'sok/index.html',
	'yrken/bagare/index.html',
	'yrken/städare/index.html',
	'_astro/site.abc123.css',
	'_astro/font.def456.woff2',
	'bilder/1a2b.png',
	'data/yrken.json',
]);
const atRoot: RewriteContext = { files, base: '/' };
const underSubpath: RewriteContext = { files, base: '/yrken-ao/' };

/** Returns the value of the first `attribute` in `html`. */
function attribute(html: string, tag: string, attribute: string, index = 0): string | undefined {
	const found = findUrls(html).filter((url) => url.tag === tag && url.attribute === attribute);
	return found[index]?.url;
}

test('root-absolute links become relative links to files, keeping query and fragment', () => {
	const report = emptyReport();
	const html = rewritePage(
		'<a href="/">Hem</a><a href="/yrken/bagare/#lon">Bagare</a><a href="/sok/?q=b%C3%A5t&amp;x=1">Sök</a>',
		'yrken/städare/index.html',
		atRoot,
		report
	);

	assert.equal(attribute(html, 'a', 'href', 0), '../../index.html');
	assert.equal(attribute(html, 'a', 'href', 1), '../bagare/index.html#lon');
	assert.equal(attribute(html, 'a', 'href', 2), '../../sok/index.html?q=b%C3%A5t&x=1');
	assert.match(html, /&amp;x=1/, 'an ampersand in an attribute stays escaped');
	assert.deepEqual(report, emptyReport());
});

test('links that name the page itself or a fragment on it keep pointing at a file', () => {
	const html = rewritePage(
		'<a href="/yrken/bagare/">Här</a><a href="#innehall">Hoppa</a><a href="">Tom</a>',
		'yrken/bagare/index.html',
		atRoot,
		emptyReport()
	);
	assert.deepEqual(
		findUrls(html).map((url) => url.url),
		['index.html', '#innehall', '']
	);
});

test('non-ASCII paths are percent-encoded and found in the site', () => {
	const report = emptyReport();
	const html = rewritePage(
		'<a href="/yrken/st%C3%A4dare/">Städare</a>',
		'index.html',
		atRoot,
		report
	);
	assert.equal(attribute(html, 'a', 'href'), 'yrken/st%C3%A4dare/index.html');
	assert.deepEqual(report.unresolved, []);
});

test('assets, srcset, form actions and style blocks are rewritten too', () => {
	const report = emptyReport();
	const html = rewritePage(
		[
			'<link rel="stylesheet" href="/_astro/site.abc123.css">',
			'<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
			'<style>.x{background:url("/bilder/1a2b.png")}</style>',
			'<img src="/bilder/1a2b.png" srcset="/bilder/1a2b.png 1x, /bilder/1a2b.png 2x" alt="a > b">',
			'<form role="search" action="/sok/" method="get"></form>',
			'<div style="background-image: url(/bilder/1a2b.png)"></div>',
		].join(''),
		'yrken/bagare/index.html',
		atRoot,
		report
	);

	assert.equal(attribute(html, 'link', 'href', 0), '../../_astro/site.abc123.css');
	assert.equal(attribute(html, 'link', 'href', 1), '../../favicon.svg');
	assert.equal(attribute(html, 'img', 'src'), '../../bilder/1a2b.png');
	assert.match(html, /srcset="\.\.\/\.\.\/bilder\/1a2b\.png 1x, \.\.\/\.\.\/bilder\/1a2b\.png 2x"/);
	assert.match(html, /alt="a > b"/, 'a quoted ">" does not end the tag');
	assert.equal(attribute(html, 'form', 'action'), '../../sok/index.html');
	assert.match(html, /url\("\.\.\/\.\.\/bilder\/1a2b\.png"\)/);
	assert.match(html, /style="background-image: url\(\.\.\/\.\.\/bilder\/1a2b\.png\)"/);
	assert.deepEqual(report, emptyReport());
});

test('a site built under a base path is rewritten the same way', () => {
	const report = emptyReport();
	const html = rewritePage(
		'<a href="/yrken-ao/yrken/bagare/">Bagare</a><a href="/yrken-ao/">Hem</a><a href="/annat/">Annat</a>',
		'index.html',
		underSubpath,
		report
	);
	assert.deepEqual(
		findUrls(html).map((url) => url.url),
		['yrken/bagare/index.html', 'index.html', '/annat/']
	);
});

test('external links stay as they are and are marked visibly as leaving the archive', () => {
	const report = emptyReport();
	const html = rewritePage(
		'<p><a class="external" href="https://example.org/a?b=1&amp;c=2" rel="noopener">Förbundet</a> och <a href="mailto:info@example.org">post</a></p>',
		'yrken/bagare/index.html',
		atRoot,
		report
	);

	assert.equal(attribute(html, 'a', 'href'), 'https://example.org/a?b=1&c=2');
	assert.ok(html.includes(`Förbundet<span class="utanfor-arkivet">${externalLinkNote}</span></a>`));
	assert.ok(!html.includes(`post<span`), 'mail links are not web links and get no note');
	assert.equal(report.externalLinks, 1);
});

test('remote files a page would load are reported; metadata links are not', () => {
	const report = emptyReport();
	rewritePage(
		[
			'<link rel="canonical" href="https://yrkesinfo.example/yrken/bagare/">',
			'<meta property="og:image" content="https://yrkesinfo.example/bilder/1a2b.png">',
			'<link rel="stylesheet" href="https://cdn.example/font.css">',
			'<script src="//cdn.example/x.js"></script>',
			'<img src="https://cdn.example/y.png" alt="">',
		].join(''),
		'index.html',
		atRoot,
		report
	);
	assert.deepEqual(report.remoteLoads, [
		'index.html: https://cdn.example/font.css',
		'index.html: //cdn.example/x.js',
		'index.html: https://cdn.example/y.png',
	]);
});

test('script contents, comments and inline JSON are left untouched', () => {
	const source =
		'<!-- <a href="/x/"> --><script type="application/ld+json">{"url":"/yrken/bagare/"}</script>' +
		'<script>document.write("<a href=\'/y/\'>")</script>';
	assert.equal(rewritePage(source, 'index.html', atRoot, emptyReport()), source);
});

test('internal URLs that name no file are reported', () => {
	const report = emptyReport();
	rewritePage('<a href="/yrken/saknas/">Saknas</a>', 'index.html', atRoot, report);
	assert.deepEqual(report.unresolved, ['index.html: /yrken/saknas/']);
});

test('style sheets get their url() and @import made relative to themselves', () => {
	const report = emptyReport();
	const css = rewriteCss(
		'@import "/_astro/site.abc123.css";@font-face{src:url(/_astro/font.def456.woff2) format("woff2")}' +
			'.a{background:url(data:image/png;base64,AAAA)}',
		'_astro/site.abc123.css',
		atRoot,
		report
	);
	assert.equal(
		css,
		'@import "site.abc123.css";@font-face{src:url(font.def456.woff2) format("woff2")}' +
			'.a{background:url(data:image/png;base64,AAAA)}'
	);

	rewriteCss(
		'.b{background:url(https://cdn.example/z.png)}',
		'_astro/site.abc123.css',
		atRoot,
		report
	);
	assert.deepEqual(report.remoteLoads, ['_astro/site.abc123.css: https://cdn.example/z.png']);
});
