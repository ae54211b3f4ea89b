import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resolveSnapshot, sampleSnapshotDir } from '../../src/lib/snapshot.ts';

test('YRKESINFO_SNAPSHOT wins over the other snapshots', async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'snapshot-'));
	await writeFile(path.join(dir, 'yrken.json'), '[]');

	assert.deepEqual(resolveSnapshot({ YRKESINFO_SNAPSHOT: dir }), { dir, source: 'env' });
});

test('a YRKESINFO_SNAPSHOT without yrken.json is refused with the variable named', async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'snapshot-'));

	assert.throws(() => resolveSnapshot({ YRKESINFO_SNAPSHOT: dir }), /YRKESINFO_SNAPSHOT/);
});

test('without a variable or a fetched snapshot the sample is used', () => {
	const choice = resolveSnapshot({});

	assert.ok(choice.source === 'sample' ? choice.dir === sampleSnapshotDir : choice.source === 'fetched');
});
