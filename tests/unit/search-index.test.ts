import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import {
	buildLocalIndex,
	knowsWord,
	localIndexGlobal,
	localIndexScript,
	queryForms,
	searchLocal,
	suggest,
} from '../../src/lib/search-index.ts';
import { rootFrom } from '../../src/lib/search-paths.ts';
import { editDistance, fold, typoAllowance } from '../../src/lib/search-text.ts';

const index = buildLocalIndex([
	{ name: 'Undersköterska', path: '/yrken/underskoterska/', areas: ['Vård'], synonyms: ['Vårdare'], parts: ['under', 'sköterska'], synonymParts: [] },
	{ name: 'Sjuksköterska', path: '/yrken/sjukskoterska/', areas: ['Vård'], synonyms: ['Legitimerad sjuksköterska'], parts: ['sjuk', 'sköterska'], synonymParts: [] },
	{ name: 'Kock', path: '/yrken/kock/', areas: ['Restaurang'], synonyms: ['Kokerska', 'Storhushållskock'], parts: [], synonymParts: ['storhushåll'] },
	{ name: 'Polis', path: '/yrken/polis/', areas: ['Säkerhet'], synonyms: ['Ordningspolis'], parts: [], synonymParts: ['ordning'] },
]);
const names = (query: string) => searchLocal(index, query).map((match) => match.record.n);

test('fold() drops case and diacritics, editDistance() counts a swap as one typo', () => {
	assert.equal(fold('Ögonsjuksköterska Café'), 'ogonsjukskoterska cafe');
	assert.equal(editDistance('kock', 'kokc', 2), 1);
	assert.equal(editDistance('undersköterka', 'undersköterska', 2), 1);
	assert.equal(editDistance('polis', 'kock', 2), 3);
	assert.equal(typoAllowance(3), 0);
	assert.equal(typoAllowance(5), 1);
	assert.equal(typoAllowance(12), 2);
});

test('the local index finds by name, synonym, part, without å/ä/ö and inflected', () => {
	assert.deepEqual(names('kokerska'), ['Kock']);
	assert.deepEqual(names('skoterska'), ['Sjuksköterska', 'Undersköterska']);
	assert.deepEqual(names('kockar'), ['Kock']);
	assert.deepEqual(names('poliser'), ['Polis']);
	assert.equal(names('undersköterska')[0], 'Undersköterska');
	assert.deepEqual(names('vård kock'), []);
	assert.deepEqual(names('storhushåll'), ['Kock'], 'a part of a synonym finds its occupation');
	assert.deepEqual(queryForms('kockar'), ['kockar', 'kock', 'kocka']);
});

test('the local index stores paths relative to the root and areas once', () => {
	assert.deepEqual(index.areas, ['Restaurang', 'Säkerhet', 'Vård']);
	assert.equal(index.records[0].p, 'yrken/underskoterska/');
});

test('typos get the names and synonyms they meant', () => {
	assert.deepEqual(suggest(index, 'Undersköterka'), ['Undersköterska']);
	assert.deepEqual(suggest(index, 'kokrska'), ['Kokerska']);
	assert.deepEqual(suggest(index, 'Kock'), [], 'an exact name needs no suggestion');
	assert.deepEqual(suggest(index, 'xyz'), [], 'too short to guess');
	assert.ok(knowsWord(index, 'sköt'));
	assert.ok(!knowsWord(index, 'skötrska'));
});

test('the index script defines the index as a global, inert even with markup in names', () => {
	const script = localIndexScript(
		buildLocalIndex([{ name: '</script><b>x</b>', path: 'yrken/x/', areas: [], synonyms: [], parts: [], synonymParts: [] }])
	);
	assert.doesNotMatch(script, /<\/script/);
	const sandbox: Record<string, unknown> = {};
	vm.runInNewContext(script, { window: sandbox });
	assert.equal((sandbox[localIndexGlobal] as { records: { n: string }[] }).records[0].n, '</script><b>x</b>');
});

test('pages link to the search scripts relative to the root, the 404 page absolutely', () => {
	assert.equal(rootFrom('/', '/'), './');
	assert.equal(rootFrom('/yrken/kock/', '/'), '../../');
	assert.equal(rootFrom('/yrken-ao/sok/', '/yrken-ao/'), '../');
	assert.equal(rootFrom('/yrken-ao/404/', '/yrken-ao/'), '/yrken-ao/');
	assert.equal(rootFrom('/404.html', '/'), '/');
});
