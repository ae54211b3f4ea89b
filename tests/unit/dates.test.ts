import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, isoDate } from '../../src/lib/dates.ts';

test('dates read as long Swedish dates, whatever the time of day', () => {
	assert.equal(formatDate('2016-10-27T00:00:00'), '27 oktober 2016');
	assert.equal(formatDate('2018-11-19T23:59:59'), '19 november 2018');
	assert.equal(formatDate('2026-01-01T00:30:00+02:00'), '1 januari 2026');
	assert.equal(isoDate('2018-11-19T14:21:43'), '2018-11-19');
});

test('what is not a date gives null', () => {
	assert.equal(formatDate(null), null);
	assert.equal(formatDate(''), null);
	assert.equal(formatDate('igår'), null);
	assert.equal(formatDate('2018-02-30'), null);
	assert.equal(isoDate('2018-13-01'), null);
});
