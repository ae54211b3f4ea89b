import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { unzipSync } from 'fflate';
import { archiveSite } from '../../src/lib/archive/index.ts';

const work = await mkdtemp(path.join(os.tmpdir(), 'yrkesinfo-archive-site-'));
after(() => rm(work, { recursive: true, force: true }));

const svg = (colour: string) =>
	`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="${colour}"/></svg>`;

/** Returns the folders of a made-up snapshot and a site built from it, with `pages` as HTML. */
async function fixture(
	name: string,
	pages: Record<string, string>,
	manifest: Record<string, unknown>
): Promise<{ site: string; snapshot: string }> {
	const site = path.join(work, name, 'site');
	const snapshot = path.join(work, name, 'snapshot');
	await mkdir(path.join(snapshot, 'images'), { recursive: true });
	await writeFile(path.join(snapshot, 'yrken.json'), '[{"id":1,"namn":"Provyrke"}]');
	await writeFile(path.join(snapshot, 'manifest.json'), JSON.stringify(manifest));
	await writeFile(path.join(snapshot, 'images', 'visad.svg'), svg('red'));
	await writeFile(path.join(snapshot, 'images', 'extra.svg'), svg('blue'));
	for (const [file, html] of Object.entries(pages)) {
		await mkdir(path.dirname(path.join(site, file)), { recursive: true });
		await writeFile(path.join(site, file), html);
	}
	await mkdir(path.join(site, 'bilder'), { recursive: true });
	await writeFile(path.join(site, 'bilder', 'visad.svg'), svg('red'));
	return { site, snapshot };
}

test('a page that would load a file from the network stops the archive, and no zip is left', async () => {
	const { site, snapshot } = await fixture(
		'remote',
		{ 'index.html': '<p>Hej</p><img src="https://cdn.example/spion.png" alt="">' },
		{ fetchedAt: '2026-11-30T09:00:00Z' }
	);
	const archiveDir = path.join(work, 'remote', 'zip');
	await assert.rejects(
		archiveSite({ siteDir: site, snapshotDir: snapshot, archiveDir, log: () => {} }),
		/would load 1 file\(s\) from the network[\s\S]*index\.html: https:\/\/cdn\.example\/spion\.png/
	);
	assert.equal(existsSync(path.join(archiveDir, 'yrkesinfo-2026-11-30.zip')), false);
});

test('images of the snapshot that no page shows are kept, and the read-me names the terms', async () => {
	const { site, snapshot } = await fixture(
		'images',
		{ 'index.html': '<img src="/bilder/visad.svg" alt="Visad">' },
		{
			source: 'https://api.example/yrkesinfo/v1',
			fetchedAt: '2026-11-30T09:00:00Z',
			licence: { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
			images: {
				'https://bilder.example/visad.svg': 'images/visad.svg',
				'https://bilder.example/extra.svg': 'images/extra.svg',
			},
		}
	);
	const lines: string[] = [];
	const result = await archiveSite({
		siteDir: site,
		snapshotDir: snapshot,
		archiveDir: path.join(work, 'images', 'zip'),
		log: (line) => lines.push(line),
	});

	assert.deepEqual(result.extraImages, ['images/extra.svg']);
	const entries = unzipSync(await readFile(result.file));
	assert.deepEqual(Object.keys(entries).sort(), [
		'LASMIG.txt',
		'bilder/visad.svg',
		'images/extra.svg',
		'index.html',
	]);
	assert.match(lines.join('\n'), /Added 1 image/);

	const readme = new TextDecoder().decode(entries['LASMIG.txt']);
	assert.match(readme, /Källa: https:\/\/api\.example\/yrkesinfo\/v1/);
	assert.match(readme, /Hämtad: 30 november 2026 \(2026-11-30\)/);
	assert.match(
		readme,
		/Licens: CC0 1\.0 \(https:\/\/creativecommons\.org\/publicdomain\/zero\/1\.0\/\)/
	);
	assert.match(readme, /1 yrkesbeskrivningar/);
	assert.ok(readme.includes('\r\n'), 'Windows line endings, so Notepad shows the lines');
});
