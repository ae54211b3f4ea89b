import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignSlugs, slugify } from '../../src/lib/slug.ts';

test('slugs fold Swedish letters to ASCII', () => {
	assert.equal(slugify('Förskollärare'), 'forskollarare');
	assert.equal(slugify('Åkare'), 'akare');
	assert.equal(slugify('Supporttekniker, IT'), 'supporttekniker-it');
	assert.equal(slugify('Utredare/Kvalificerad handläggare'), 'utredare-kvalificerad-handlaggare');
	assert.equal(slugify('  Café-  & Restaurangbiträde '), 'cafe-restaurangbitrade');
	assert.equal(slugify('Smørrebrød-kock'), 'smorrebrod-kock');
	assert.equal(slugify('<script>'), 'script');
});

test('colliding names are told apart by id, whatever order they come in', () => {
	const items = [
		{ id: 40, namn: 'Städare' },
		{ id: 7, namn: 'Stadare' },
		{ id: 12, namn: 'STÄDARE!' },
	];
	const forward = assignSlugs(items);
	const backward = assignSlugs([...items].reverse());

	assert.deepEqual([...forward].sort(), [...backward].sort());
	assert.equal(forward.get(7), 'stadare');
	assert.equal(forward.get(12), 'stadare-12');
	assert.equal(forward.get(40), 'stadare-40');
});

test('a plain slug is never taken by another name’s suffixed slug', () => {
	const slugs = assignSlugs([
		{ id: 5, namn: 'Snickare' },
		{ id: 9, namn: 'Snickare' },
		{ id: 20, namn: 'Snickare 9' },
	]);

	assert.equal(slugs.get(20), 'snickare-9');
	assert.equal(slugs.get(9), 'snickare-9-2');
	assert.equal(new Set(slugs.values()).size, 3);
});

test('a name without letters or digits gets a fallback slug with its id', () => {
	const slugs = assignSlugs([{ id: 3, namn: '!!!' }]);

	assert.equal(slugs.get(3), 'yrke-3');
});

test('the same data always gives the same slugs', () => {
	const items = Array.from({ length: 50 }, (_, index) => ({ id: index + 1, namn: `Yrke ${index % 7}` }));

	assert.deepEqual([...assignSlugs(items)], [...assignSlugs(structuredClone(items))]);
});
