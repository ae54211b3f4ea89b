import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildSiteModel, indexGroups, resolveImageFile, unsafeLinks } from '../../src/lib/occupations.ts';
import type { OccupationEntry } from '../../src/lib/schema.ts';

const entry = (id: number, namn: string, more: Partial<OccupationEntry> = {}): OccupationEntry => ({
	id,
	namn,
	...more,
});

test('occupations are ordered A–Ö with neighbours, letters and areas', () => {
	const site = buildSiteModel(
		[
			entry(3, 'Örtodlare', { yrkesomraden: ['Naturbruk'] }),
			entry(1, 'Åkare', { yrkesomraden: ['Transport'] }),
			entry(2, 'Bagare', { yrkesomraden: ['Hotell, restaurang', 'Naturbruk'] }),
		],
		{},
		os.tmpdir()
	);

	assert.deepEqual(
		site.occupations.map((item) => [item.entry.namn, item.letter, item.path]),
		[
			['Bagare', 'B', 'yrken/bagare/'],
			['Åkare', 'Å', 'yrken/akare/'],
			['Örtodlare', 'Ö', 'yrken/ortodlare/'],
		]
	);
	assert.equal(site.occupations[0].previous, null);
	assert.equal(site.occupations[1].next?.entry.namn, 'Örtodlare');
	assert.deepEqual(
		site.areas.map((area) => [area.name, area.occupations.length]),
		[
			['Hotell, restaurang', 1],
			['Naturbruk', 2],
			['Transport', 1],
		]
	);
});

test('synonyms become see-entries, merged when several occupations share one', () => {
	const site = buildSiteModel(
		[
			entry(1, 'Supporttekniker, IT', { yrkessynonymer: ['Helpdesktekniker', 'IT-tekniker'] }),
			entry(2, 'Nätverkstekniker', { yrkessynonymer: ['IT-tekniker', 'nätverkstekniker'] }),
		],
		{},
		os.tmpdir()
	);
	const groups = indexGroups(site.occupations);
	const flat = groups.flatMap((group) =>
		group.entries.map((item) =>
			item.kind === 'see' ? `${item.name} → ${item.targets.map((t) => t.entry.namn).join('; ')}` : item.name
		)
	);

	assert.deepEqual(groups.map((group) => group.letter), ['H', 'I', 'N', 'S']);
	assert.deepEqual(flat, [
		'Helpdesktekniker → Supporttekniker, IT',
		'IT-tekniker → Nätverkstekniker; Supporttekniker, IT',
		'Nätverkstekniker',
		'Supporttekniker, IT',
	]);
});

test('an image resolves only through the manifest to a file inside the snapshot', async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'images-'));
	await mkdir(path.join(dir, 'images'));
	await writeFile(path.join(dir, 'images', 'a.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
	const manifest = {
		images: {
			'https://x.example/a.svg': 'images/a.svg',
			'https://x.example/b.svg': 'images/saknas.svg',
			'https://x.example/c.svg': '../utanfor.svg',
		},
	};

	assert.equal(resolveImageFile(' https://x.example/a.svg ', manifest, dir), path.join(dir, 'images', 'a.svg'));
	assert.equal(resolveImageFile('https://x.example/b.svg', manifest, dir), null);
	assert.equal(resolveImageFile('https://x.example/c.svg', manifest, dir), null);
	assert.equal(resolveImageFile('https://x.example/okand.svg', manifest, dir), null);
	assert.equal(resolveImageFile('https://x.example/a.svg', {}, dir), null);
});

test('links that are not http(s) are reported by index and value', () => {
	const problems = unsafeLinks(
		entry(1, 'X', {
			lankar: [
				{ namn: 'ok', url: 'https://example.org' },
				{ namn: 'js', url: 'javascript:alert(1)' },
			],
		})
	);

	assert.deepEqual(problems, ['lankar[1].url "javascript:alert(1)" is not http(s)']);
});
