import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startMockApi, type MockApi } from '../support/mock-api.ts';
import {
	finished,
	hashTree,
	mockEnv,
	removeDir,
	runCli,
	startCli,
	tempDir,
	waitFor,
} from './support.ts';

/*
 * Whatever goes wrong (bad keys, failed records, Ctrl-C, kill -9), the snapshot that was there
 * before stays byte for byte as it was.
 */

let api: MockApi;
let work: string;
let previous: string;
// Ids of the served list, so the tests hold for the real corpus and the sample alike.
let ids: number[];

before(async () => {
	api = await startMockApi();
	ids = (JSON.parse(api.body('yrken') as string) as Array<{ id: number }>).map((entry) => entry.id);
	work = await tempDir();
	previous = path.join(work, 'previous');
	const run = await runCli(['--out', previous], mockEnv(api), work);
	assert.equal(run.code, 0, run.stderr);
});

after(async () => {
	await api.close();
	await removeDir(work);
});

/** Returns a copy of the previous snapshot at `<work>/<name>/snapshot`, ready to be replaced. */
function copyOfPrevious(name: string): string {
	const out = path.join(work, name, 'snapshot');
	cpSync(previous, out, { recursive: true });
	return out;
}

/** Returns the names beside `out` that are not `out` itself: leftovers of a run. */
function leftovers(out: string): string[] {
	return readdirSync(path.dirname(out)).filter((name) => name !== path.basename(out));
}

test('wrong keys exit 2 at once with one line naming the variables, the snapshot untouched', async () => {
	const out = copyOfPrevious('wrong-keys');
	const before = hashTree(out);
	const requestsBefore = api.stats.requests;

	const run = await runCli(['--out', out], mockEnv(api, 'not-the-secret'), work);

	assert.equal(run.code, 2);
	const lines = run.stderr.trim().split('\n');
	assert.equal(lines.length, 1, run.stderr);
	assert.match(lines[0] as string, /YRKESINFO_CLIENT_ID/);
	assert.match(lines[0] as string, /YRKESINFO_CLIENT_SECRET/);
	assert.match(lines[0] as string, /invalid_client, "Invalid client_id or client_secret"/);
	assert.match(lines[0] as string, /AF-TrackingId [0-9a-f-]{36}/);
	assert.equal(api.stats.requests - requestsBefore, 1, 'a 403 must not be retried');
	assert.deepEqual(hashTree(out), before);
	assert.deepEqual(leftovers(out), []);
});

test('missing keys exit 2 naming the variable, before any request', async () => {
	const requestsBefore = api.stats.requests;
	const env = { ...mockEnv(api), YRKESINFO_CLIENT_SECRET: '' };

	const run = await runCli(['--out', path.join(work, 'no-keys')], env, work);

	assert.equal(run.code, 2);
	assert.match(run.stderr, /Set YRKESINFO_CLIENT_SECRET/);
	assert.equal(api.stats.requests, requestsBefore);
});

test('keys in a .env file are used, and the environment wins over it', async () => {
	const dir = path.join(work, 'dotenv');
	mkdirSync(dir);
	writeFileSync(
		path.join(dir, '.env'),
		`YRKESINFO_CLIENT_ID=${api.clientId}\nYRKESINFO_CLIENT_SECRET=${api.clientSecret}\n` +
			'YRKESINFO_BASE_URL=http://127.0.0.1:9/wrong\n'
	);
	const env = { PATH: process.env.PATH, YRKESINFO_BASE_URL: api.baseUrl };

	const run = await runCli(['--out', 'snapshot', '--only', `${ids[0]},${ids[1]}`], env, dir);

	assert.equal(run.code, 0, run.stderr);
	assert.match(run.stdout, /Fetched 2 occupations .* → snapshot$/m);
});

test('a record that fails leaves the snapshot as it was, exits 1 and names the id', async () => {
	const id = ids[1] as number;
	const gone = await startMockApi({ notFound: [id] });
	try {
		const out = copyOfPrevious('not-found');
		const before = hashTree(out);

		const run = await runCli(['--out', out], mockEnv(gone), work);

		assert.equal(run.code, 1);
		const line = new RegExp(
			`Occupation ${id} \\(.+\\): HTTP 404 Not Found \\(AF-TrackingId [0-9a-f-]{36}\\)`
		);
		assert.match(run.stderr, line);
		assert.match(
			run.stdout,
			new RegExp(`\\(1 failed: ${id}\\).*was left as it was.*--allow-partial`)
		);
		assert.deepEqual(hashTree(out), before);
		assert.deepEqual(leftovers(out), []);

		const partial = await runCli(['--out', out, '--allow-partial'], mockEnv(gone), work);

		assert.equal(partial.code, 1);
		assert.match(partial.stdout, /, 1 failed\)/);
		const after = hashTree(out);
		const file = `yrken/${id}.json`;
		assert.equal(after.get(file), before.get(file), 'the previous version is kept');
		const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
		assert.deepEqual(manifest.failed, [id]);

		const fresh = path.join(work, 'not-found-fresh', 'snapshot');
		const first = await runCli(['--out', fresh, '--allow-partial'], mockEnv(gone), work);

		assert.equal(first.code, 1);
		const list = JSON.parse(readFileSync(path.join(fresh, 'yrken.json'), 'utf8'));
		assert.ok(!list.some((entry: { id: number }) => entry.id === id), 'no version: left out');
		assert.equal(list.length, gone.count - 1);
	} finally {
		await gone.close();
	}
});

/**
 * Starts a fetch over a copy of the previous snapshot from a slow API, sends `signal` once it is
 * under way, and returns how it ended with the snapshot's files from before.
 */
async function interruptedFetch(name: string, signal: NodeJS.Signals) {
	const slow = await startMockApi({ latencyMs: 200 });
	try {
		const out = copyOfPrevious(name);
		const before = hashTree(out);
		const child = startCli(['--out', out, '--concurrency', '2'], mockEnv(slow), work);
		const ended = finished(child);
		await waitFor(() => slow.stats.requests >= 5);
		child.kill(signal);
		return { out, before, run: await ended };
	} finally {
		await slow.close();
	}
}

test('kill -9 in the middle of a fetch leaves the previous snapshot intact', async () => {
	const { out, before, run } = await interruptedFetch('killed', 'SIGKILL');

	assert.equal(run.signal, 'SIGKILL');
	assert.deepEqual(hashTree(out), before);
	assert.ok(
		leftovers(out).some((name) => name.startsWith('snapshot.incoming-')),
		'the kill should have caught a half-written snapshot'
	);

	// The next run clears what the killed one left and takes over its lock.
	const next = await runCli(['--out', out, '--only', String(ids[0])], mockEnv(api), work);

	assert.equal(next.code, 0, next.stderr);
	assert.deepEqual(leftovers(out), []);
});

test('Ctrl-C stops the fetch, says so, and leaves the previous snapshot and no leftovers', async () => {
	const { out, before, run } = await interruptedFetch('interrupted', 'SIGINT');

	assert.equal(run.code, 130);
	assert.match(run.stderr, /Interrupted; .* was left as it was\./);
	assert.deepEqual(hashTree(out), before);
	assert.deepEqual(leftovers(out), []);
});

test('a run killed between the two renames of the swap is repaired by the next run', async () => {
	const out = path.join(work, 'mid-swap', 'snapshot');
	// The state a kill between "old aside" and "new in place" leaves: only <out>.previous.
	cpSync(previous, `${out}.previous`, { recursive: true });
	const before = hashTree(`${out}.previous`);
	mkdirSync(`${out}.incoming-999999`, { recursive: true });

	const run = await runCli(['--out', out], mockEnv(api, 'not-the-secret'), work);

	assert.equal(run.code, 2);
	assert.deepEqual(hashTree(out), before);
	assert.ok(!existsSync(`${out}.previous`));
	assert.deepEqual(leftovers(out), []);
});

test('a second fetch into the same folder is refused while the first holds it', async () => {
	const slow = await startMockApi({ latencyMs: 400 });
	try {
		const out = copyOfPrevious('locked');
		const first = startCli(['--out', out, '--concurrency', '1'], mockEnv(slow), work);
		const firstEnded = finished(first);
		// The lock is taken before the first request.
		await waitFor(() => slow.stats.requests >= 1);

		const second = await runCli(['--out', out], mockEnv(api), work);

		assert.equal(second.code, 2);
		assert.match(second.stderr, /Another fetch \(process \d+\) is writing/);
		first.kill('SIGINT');
		assert.equal((await firstEnded).code, 130);
	} finally {
		await slow.close();
	}
});
