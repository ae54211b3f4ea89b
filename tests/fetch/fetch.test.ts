import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hasRealCorpus } from '../support/corpus.ts';
import {
	recoverableFaults,
	relinkImages,
	startMockApi,
	type MockApi,
} from '../support/mock-api.ts';
import { hashTree, mockEnv, removeDir, runCli, tempDir } from './support.ts';

/*
 * The whole fetch against the mock API over the test corpus (the real 323 occupations when
 * ../shared is present): through injected faults, and twice for determinism.
 */

let api: MockApi;
// Faults here too, so a retry can be seen not to change the output; quick ones, to save time.
let quickFaults: MockApi;
let work: string;

before(async () => {
	// The sample has few occupations, so more of their requests are faulted to meet every kind.
	api = await startMockApi({ faultRate: hasRealCorpus ? 0.35 : 0.7, seed: 7 });
	quickFaults = await startMockApi({ faultRate: 0.15, seed: 3, retryAfterSeconds: 0 });
	work = await tempDir();
});

after(async () => {
	await api.close();
	await quickFaults.close();
	await removeDir(work);
});

/** Returns a source file of the served folder as the API serves it: image links point at it. */
function expected(relative: string): unknown {
	const value = JSON.parse(readFileSync(path.join(api.dir, relative), 'utf8'));
	const relink = (item: Record<string, unknown>) => relinkImages(item, api.imageMap, api.origin);
	return Array.isArray(value) ? value.map(relink) : relink(value);
}

test('every occupation arrives through faults on a fifth of the requests, record for record', async () => {
	const out = path.join(work, 'faulted', 'snapshot');

	const run = await runCli(['--out', out], mockEnv(api), work);

	assert.equal(run.code, 0, run.stderr);
	const { requests, faulted } = api.stats;
	assert.ok(faulted / requests >= 0.2, `only ${faulted} of ${requests} requests were faulted`);
	for (const kind of recoverableFaults) {
		assert.ok((api.stats.byFault[kind] ?? 0) > 0, `no ${kind} fault was injected`);
	}

	const list: Array<{ id: number }> = JSON.parse(
		readFileSync(path.join(out, 'yrken.json'), 'utf8')
	);
	assert.deepEqual(list, expected('yrken.json'));
	assert.equal(list.length, api.count);
	for (const { id } of list) {
		const record = JSON.parse(readFileSync(path.join(out, 'yrken', `${id}.json`), 'utf8'));
		assert.deepEqual(record, expected(path.join('yrken', `${id}.json`)), `occupation ${id}`);
	}

	const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
	assert.equal(manifest.count, api.count);
	assert.equal(manifest.added.length, api.count);
	assert.deepEqual([manifest.removed, manifest.changed, manifest.failed], [[], [], []]);
	assert.equal(manifest.source, api.baseUrl);
	assert.match(
		run.stdout,
		new RegExp(`^Fetched ${api.count} occupations \\(.*0 failed\\).* in [\\d.]+ m?s → `, 'm')
	);
});

test('each request carries its own AF-TrackingId, the same across its retries', () => {
	assert.equal(api.stats.withoutTrackingId, 0);
	const all = new Set<string>();
	for (const [pathname, ids] of api.stats.trackingIds) {
		assert.equal(ids.size, 1, `${pathname} was retried under ${ids.size} different ids`);
		const [id] = ids as Set<string>;
		assert.match(
			id as string,
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
		all.add(id as string);
	}
	assert.equal(all.size, api.stats.trackingIds.size, 'two requests shared a tracking id');
});

test('fetching an unchanged API twice gives the same bytes, apart from the fetch time', async () => {
	const first = path.join(work, 'twice-a', 'snapshot');
	const second = path.join(work, 'twice-b', 'snapshot');

	// Both runs start from nothing, so their manifests must agree on the added ids too.
	const runs = [
		await runCli(['--out', first, '--concurrency', '4'], mockEnv(quickFaults), work),
		await runCli(['--out', second, '--concurrency', '12'], mockEnv(quickFaults), work),
	];

	for (const run of runs) assert.equal(run.code, 0, run.stderr);
	const withoutTime = (dir: string) =>
		readFileSync(path.join(dir, 'manifest.json'), 'utf8').replace(/"fetchedAt": "[^"]+"/, '');
	assert.equal(withoutTime(first), withoutTime(second));
	const a = hashTree(first);
	const b = hashTree(second);
	a.delete('manifest.json');
	b.delete('manifest.json');
	assert.deepEqual(a, b);

	const again = await runCli(['--out', first], mockEnv(quickFaults), work);

	assert.equal(again.code, 0, again.stderr);
	const c = hashTree(first);
	c.delete('manifest.json');
	assert.deepEqual(c, b);
	const manifest = JSON.parse(readFileSync(path.join(first, 'manifest.json'), 'utf8'));
	assert.deepEqual([manifest.added, manifest.removed, manifest.changed], [[], [], []]);
	assert.match(again.stdout, /\(0 changed, 0 failed\)/);
});
