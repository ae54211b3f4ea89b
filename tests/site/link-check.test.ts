import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { checkLinks } from '../support/link-check.ts';

let root: string;

/** Writes a file below the temp site, creating its folders. */
async function put(file: string, html: string): Promise<void> {
	await mkdir(path.dirname(path.join(root, file)), { recursive: true });
	await writeFile(path.join(root, file), html);
}

before(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'link-check-'));
	await put(
		'index.html',
		'<a href="/bas/yrken/a/">ok</a><a href="yrken/a/#mitt">ok</a><a href="/bas/yrken/a/#saknas">x</a>' +
			'<a href="/bas/yrken/b/">x</a><a href="/bas/yrken/a">x</a><a href="/annan/">x</a>' +
			'<a href="https://example.org/">extern</a><a href="#topp">x</a><img src="/bas/bild.png" alt="">' +
			'<form action="/bas/sok/"></form><a href="mailto:a@example.org">post</a>'
	);
	await put('yrken/a/index.html', '<h2 id="mitt">M</h2><a href="../../index.html">ok</a><a href="../../saknas.html">x</a>');
	await put('bild.png', 'png');
	await put('sok/index.html', '<p>sök</p>');
});

test('folder links, file links and fragments are checked against the built files', async () => {
	const broken = await checkLinks(root, '/bas/');
	const found = broken.map((link) => `${link.page} ${link.href}`).sort();

	assert.deepEqual(found, [
		'index.html #topp',
		'index.html /annan/',
		'index.html /bas/yrken/a',
		'index.html /bas/yrken/a/#saknas',
		'index.html /bas/yrken/b/',
		'yrken/a/index.html ../../saknas.html',
	]);
	for (const link of broken) assert.ok(link.reason.length > 0);
});
