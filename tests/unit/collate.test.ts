import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alphabet, compareSv, initialLetter, letterId, sortSv } from '../../src/lib/collate.ts';

test('Swedish order puts Å, Ä and Ö after Z, in that order', () => {
	const sorted = sortSv(['Örtodlare', 'Zoolog', 'Ärendehandläggare', 'Åkare', 'Apotekare'], (name) => name);

	assert.deepEqual(sorted, ['Apotekare', 'Zoolog', 'Åkare', 'Ärendehandläggare', 'Örtodlare']);
});

test('Swedish order keeps W as its own letter after V and sorts case-insensitively', () => {
	const sorted = sortSv(['webbdesigner', 'Vaktmästare', 'Xylograf', 'vävare'], (name) => name);

	assert.deepEqual(sorted, ['Vaktmästare', 'vävare', 'webbdesigner', 'Xylograf']);
	assert.ok(compareSv('Bagare', 'bilmekaniker') < 0);
});

test('letters group names as a Swedish index does', () => {
	assert.equal(initialLetter('Förskollärare'), 'F');
	assert.equal(initialLetter('åkeriägare'), 'Å');
	assert.equal(initialLetter('Ölbryggare'), 'Ö');
	assert.equal(initialLetter('Ébéniste'), 'E');
	assert.equal(initialLetter('Ørsted-tekniker'), 'Ö');
	assert.equal(initialLetter('3D-animatör'), '#');
	assert.equal(initialLetter('  Lärare'), 'L');
	assert.equal(initialLetter(''), '#');
});

test('the alphabet has 29 letters ending in Å, Ä, Ö, and each has an ASCII fragment id', () => {
	assert.equal(alphabet.length, 29);
	assert.deepEqual(alphabet.slice(-3), ['Å', 'Ä', 'Ö']);
	const ids = alphabet.map(letterId);
	assert.equal(new Set(ids).size, 29);
	for (const id of ids) assert.match(id, /^bokstav-[a-z]+$/);
});
