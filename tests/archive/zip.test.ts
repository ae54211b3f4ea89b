import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { unzipSync } from 'fflate';
import { writeZip, type ZipEntry } from '../../src/lib/archive/zip.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'yrkesinfo-zip-test-'));
after(() => rm(dir, { recursive: true, force: true }));

const entries: ZipEntry[] = [
	{ name: 'LASMIG.txt', data: new TextEncoder().encode('Hej från arkivet.\r\n') },
	{ name: 'yrken/städare/index.html', data: new TextEncoder().encode('<p>å ä ö</p>'.repeat(200)) },
	{ name: 'bilder/1.png', data: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]) },
];
const mtime = new Date('2018-12-09T00:00:00Z');

test('a written zip unpacks to the same files, names and bytes', async () => {
	const file = path.join(dir, 'a', 'site.zip');
	const bytes = await writeZip(file, entries, { mtime });
	const zip = await readFile(file);

	assert.equal(zip.length, bytes);
	const unpacked = unzipSync(zip);
	assert.deepEqual(
		Object.keys(unpacked),
		entries.map((entry) => entry.name)
	);
	for (const entry of entries) assert.deepEqual(unpacked[entry.name], entry.data);
	assert.ok(zip.length < entries[1].data.length, 'text is compressed');
});

test('the same files give the same bytes, so an archive can be compared with an earlier one', async () => {
	const first = path.join(dir, 'first.zip');
	const second = path.join(dir, 'second.zip');
	await writeZip(first, entries, { mtime });
	await writeZip(second, entries, { mtime });
	assert.deepEqual(await readFile(first), await readFile(second));
});

test('a failing source leaves no zip and no partial file behind', async () => {
	async function* failing(): AsyncGenerator<ZipEntry> {
		yield entries[0];
		throw new Error('the build vanished');
	}
	const target = path.join(dir, 'broken', 'site.zip');
	await assert.rejects(writeZip(target, failing(), { mtime }), /Could not write .*site\.zip/);
	assert.deepEqual(await readdir(path.dirname(target)), []);
});
