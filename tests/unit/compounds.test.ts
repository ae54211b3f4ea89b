import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSplitter, words } from '../../src/lib/compounds.ts';

// A made-up corpus: the splitter must learn everything from it, so these texts are its world.
const documents = [
	'En sjuksköterska arbetar på sjukhus och sköter patienter. Sjuksköterskor ger vård till sjuka.',
	'En undersköterska hjälper patienter med mat och hygien. Undersköterskan arbetar under dagen.',
	'En tandsköterska assisterar tandläkaren. Tanden lagas med fyllning. Arbete med patienter.',
	'En datatekniker lagar datorer med data. En tekniker löser fel. Data och nätverk.',
	'Ljudteknikern arbetar med ljud på en scen. Ljud och teknik med mixerbord.',
	'Arbetsmiljön är viktig. En ingenjör har ett arbete med ansvar, miljö och säkerhet.',
	'Konstsmeden smider med järn. Konst och smide. En smed arbetar med händerna, smed i byn.',
	'Arbetet börjar med ett möte. Med tiden blir det lättare.',
	'Man jobbar med människor och med papper.',
	'Det finns mycket att göra med planering.',
];
const titles = [
	'Sjuksköterska',
	'Undersköterska',
	'Tandsköterska',
	'Datatekniker',
	'Ljudtekniker',
	'Arbetsmiljöingenjör',
	'Konstsmed',
];

test('a head shared by several names is learned even where the corpus never uses it alone', () => {
	const splitter = buildSplitter(documents, titles);
	for (const name of ['Sjuksköterska', 'Undersköterska', 'Tandsköterska']) {
		assert.ok(splitter.split(name).includes('sköterska'), `${name}: ${splitter.split(name)}`);
	}
});

test('names split into words the corpus knows, with linking s and dropped vowels undone', () => {
	const splitter = buildSplitter(documents, titles);
	assert.deepEqual(splitter.split('Datatekniker'), ['data', 'tekniker']);
	assert.deepEqual(splitter.split('Ljudtekniker'), ['ljud', 'tekniker']);
	assert.ok(splitter.split('Arbetsmiljöingenjör').includes('arbete'));
	assert.ok(splitter.split('Arbetsmiljöingenjör').includes('miljö'));
});

test('a function word found in nearly every text is never a part', () => {
	const splitter = buildSplitter(documents, titles);
	assert.ok(!splitter.split('Konstsmed').includes('med'), `${splitter.split('Konstsmed')}`);
	assert.deepEqual(splitter.split('Konstsmed'), ['konst', 'smed']);
});

test('words that are not compounds stay whole', () => {
	const splitter = buildSplitter(documents, titles);
	assert.deepEqual(splitter.split('tekniker'), []);
	assert.deepEqual(splitter.split('arbete'), []);
});

test('it works on words it was never written for', () => {
	// Invented words: nothing in the splitter knows them, so only the corpus can teach it.
	const invented = ['Flarp och zimbo blir flarpar. Zimbon går. Grön och blå flarp.', 'Zimbor finns. Grön och blå.'];
	const splitter = buildSplitter(invented, ['Flarpzimbo', 'Grönzimbo', 'Blåzimbo']);
	assert.deepEqual(splitter.split('Grönzimbo'), ['grön', 'zimbo']);
	assert.deepEqual(splitter.splitPhrase('Flarpzimbo och Blåzimbo'), ['flarp', 'zimbo', 'blå']);
});

test('words() lower-cases and keeps only letters', () => {
	assert.deepEqual(words('IT-tekniker, årskurs 7–9'), ['it', 'tekniker', 'årskurs']);
});
