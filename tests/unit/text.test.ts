import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paragraphs, safeUrl, truncate, withoutHeading } from '../../src/lib/text.ts';

test('blank lines split a text into trimmed paragraphs', () => {
	assert.deepEqual(paragraphs('Första stycket.\n\nAndra stycket.'), ['Första stycket.', 'Andra stycket.']);
	assert.deepEqual(paragraphs('  Ett \r\n\r\n\r\n Två  \n \n'), ['Ett', 'Två']);
	assert.deepEqual(paragraphs('Rad ett\nrad två'), ['Rad ett\nrad två']);
});

test('empty and missing texts give no paragraphs', () => {
	assert.deepEqual(paragraphs(''), []);
	assert.deepEqual(paragraphs('   \n\n  '), []);
	assert.deepEqual(paragraphs(null), []);
	assert.deepEqual(paragraphs(undefined), []);
});

test('markup in a text stays text', () => {
	assert.deepEqual(paragraphs('<b>fet</b>\n\n<script>x()</script>'), ['<b>fet</b>', '<script>x()</script>']);
});

test('only http and https links are kept', () => {
	assert.equal(safeUrl(' https://example.org/a b '), 'https://example.org/a%20b');
	assert.equal(safeUrl('http://example.org'), 'http://example.org/');
	assert.equal(safeUrl('javascript:alert(1)'), null);
	assert.equal(safeUrl('JaVaScRiPt:alert(1)'), null);
	assert.equal(safeUrl('data:text/html,<b>x</b>'), null);
	assert.equal(safeUrl('//example.org'), null);
	assert.equal(safeUrl('www.example.org'), null);
	assert.equal(safeUrl('https://user:pass@example.org'), null);
	assert.equal(safeUrl(''), null);
});

test('truncation cuts at a word boundary and marks the cut', () => {
	assert.equal(truncate('Kort text.', 160), 'Kort text.');
	const cut = truncate('ett två tre fyra fem sex sju åtta nio tio', 20);

	assert.ok(cut.length <= 20);
	assert.match(cut, /^ett två tre fyra…$/);
});

test('a first paragraph that only repeats the section heading is dropped', () => {
	assert.equal(withoutHeading('Arbetsmiljö\n\nKöket är varmt.', 'Arbetsmiljö'), 'Köket är varmt.');
	assert.equal(withoutHeading('arbetstider:\n\nDagtid.', 'Arbetstider'), 'Dagtid.');
	assert.equal(withoutHeading('Arbetstider', 'Arbetstider'), '');
});

test('a text that does not start with its heading is kept as it is', () => {
	const text = 'Arbetsmiljön är varm.\n\nKöket är trångt.';

	assert.equal(withoutHeading(text, 'Arbetsmiljö'), text);
	assert.equal(withoutHeading(null, 'Arbetsmiljö'), null);
});
