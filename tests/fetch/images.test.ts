import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { defaultMaxImageBytes } from '../../src/lib/fetch/images.ts';
import { startMockApi, type MockApi } from '../support/mock-api.ts';
import { hashTree, mockEnv, removeDir, runCli, tempDir } from './support.ts';

/*
 * Images are fetched from a mock API over a small folder written here: its records link to
 * images the server holds, among them a wrong type, an oversized one and a missing one.
 */

// The smallest valid PNG: one transparent pixel.
const png = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
		'1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
	'hex'
);
const svg =
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

const links = {
	png: 'https://bilder.example/yrke-ett.png ',
	pngAgain: 'https://bilder.example/yrke-ett.png',
	svg: 'https://bilder.example/yrke-tva.svg',
	html: 'https://bilder.example/sida.png',
	disguised: 'https://bilder.example/forklaedd.png',
	scripted: 'https://bilder.example/skript.svg',
	big: 'https://bilder.example/stor.png',
	missing: 'https://bilder.example/saknas.png',
	moved: 'https://bilder.example/flyttad.png',
};

let dir: string;
let api: MockApi;
let work: string;

/** Returns a minimal occupation written for this test. */
function occupation(id: number, bilder: string[]) {
	return {
		id,
		namn: `Testyrke ${id}`,
		sammanfattning: 'Ett påhittat yrke för att pröva bilderna.',
		bilder: bilder.map((lank, index) => ({
			lank,
			sammanfattning: `Bild ${index + 1}`,
			primar: index === 0,
		})),
	};
}

before(async () => {
	work = await tempDir();
	dir = path.join(work, 'source');
	mkdirSync(path.join(dir, 'yrken'), { recursive: true });
	mkdirSync(path.join(dir, 'images'));
	writeFileSync(path.join(dir, 'images', 'ett.png'), png);
	writeFileSync(path.join(dir, 'images', 'tva.svg'), svg);
	writeFileSync(path.join(dir, 'images', 'sida.html'), '<!doctype html><p>Inte en bild</p>');
	writeFileSync(path.join(dir, 'images', 'forklaedd.png'), '<!doctype html><p>Inte heller</p>');
	writeFileSync(path.join(dir, 'images', 'skript.svg'), '<svg onload="alert(1)"></svg>');
	writeFileSync(
		path.join(dir, 'images', 'stor.png'),
		Buffer.concat([png, Buffer.alloc(defaultMaxImageBytes)])
	);

	const list = [
		{ id: 1, namn: 'Testyrke 1', bildlank: links.png },
		{ id: 2, namn: 'Testyrke 2', bildlank: links.svg },
		{ id: 3, namn: 'Testyrke 3', bildlank: null },
	];
	writeFileSync(path.join(dir, 'yrken.json'), JSON.stringify(list));
	const records = [
		occupation(1, [links.pngAgain, links.html]),
		occupation(2, [links.svg, links.disguised, links.scripted]),
		occupation(3, [links.big, links.missing, links.moved]),
	];
	for (const record of records) {
		writeFileSync(path.join(dir, 'yrken', `${record.id}.json`), JSON.stringify(record));
	}
	const images = {
		[links.png]: 'images/ett.png',
		[links.pngAgain]: 'images/ett.png',
		[links.svg]: 'images/tva.svg',
		[links.html]: 'images/sida.html',
		[links.disguised]: 'images/forklaedd.png',
		[links.scripted]: 'images/skript.svg',
		[links.big]: 'images/stor.png',
		[links.missing]: 'images/saknas.png',
		[links.moved]: 'moved/images/ett.png',
	};
	writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ images }));

	api = await startMockApi({ dir });
});

after(async () => {
	await api.close();
	await removeDir(work);
});

/** Returns the link the mock API serves in place of a link of the folder. */
function served(link: string): string {
	return `${api.origin}/${api.imageMap[link]}${link.slice(link.trimEnd().length)}`;
}

test('images are stored and mapped by their exact links; bad ones are reported, not fatal', async () => {
	const out = path.join(work, 'snapshot');

	const run = await runCli(['--out', out], mockEnv(api), work);

	assert.equal(run.code, 0, run.stderr);
	const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
	const images: Record<string, string> = manifest.images;

	// The link with a trailing space and the one without are one download and one file.
	const pngFile = images[served(links.png)];
	assert.ok(pngFile, 'the link with a trailing space is mapped as given');
	assert.equal(images[served(links.pngAgain)], pngFile);
	assert.match(pngFile as string, /^images\/[0-9a-f]{16}\.png$/);
	assert.deepEqual(readFileSync(path.join(out, pngFile as string)), png);
	const svgFile = images[served(links.svg)];
	assert.match(svgFile as string, /^images\/[0-9a-f]{16}\.svg$/);
	assert.equal(readFileSync(path.join(out, svgFile as string), 'utf8'), svg);

	const movedFile = images[served(links.moved)];
	assert.ok(movedFile, 'an image behind a redirect is stored');
	assert.deepEqual(readFileSync(path.join(out, movedFile)), png);

	for (const link of [links.html, links.disguised, links.scripted, links.big, links.missing]) {
		assert.equal(images[served(link)], undefined, `${link} should not be stored`);
	}
	assert.match(run.stderr, /sida\.html.*not a PNG.*content type "text\/html/);
	assert.match(run.stderr, /forklaedd\.png.*not a PNG.*content type "image\/png"/);
	assert.match(run.stderr, /skript\.svg.*not a PNG/);
	assert.match(run.stderr, /stor\.png": larger than the limit of 5242880 bytes/);
	assert.match(run.stderr, /saknas\.png.*HTTP 404 Not Found/);
	assert.match(run.stdout, /Fetched 3 occupations .* and 3 images \(5 failed\)/);
	assert.equal(hashTree(path.join(out, 'images')).size, 3);
});

test('a second fetch reuses the stored images instead of downloading them again', async () => {
	const out = path.join(work, 'snapshot');
	const before = hashTree(out);
	const requestsBefore = api.stats.imageRequests;

	const run = await runCli(['--out', out], mockEnv(api), work);

	assert.equal(run.code, 0, run.stderr);
	const after = hashTree(out);
	after.delete('manifest.json');
	before.delete('manifest.json');
	assert.deepEqual(after, before);
	// Only the failed ones are asked for again.
	assert.equal(api.stats.imageRequests - requestsBefore, 5);
	assert.ok(!existsSync(path.join(out, 'images', 'sida.html')));
});
