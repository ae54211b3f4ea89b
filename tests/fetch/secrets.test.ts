import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startMockApi, type MockApi } from '../support/mock-api.ts';
import {
	filesContaining,
	finished,
	mockEnv,
	removeDir,
	runCli,
	startCli,
	tempDir,
	waitFor,
	type CliRun,
} from './support.ts';

/*
 * The secret travels in every request URL. Every path of the command, failures included, runs
 * here with a distinctive secret, which must then be found in no output and no file.
 */

// Characters that URL encoding changes, so the encoded form is searched for too.
const secret = 'Hemlis+Distinkt/7Qz=Kv';
const forms = [
	secret,
	encodeURIComponent(secret),
	new URLSearchParams({ s: secret }).toString().slice(2),
];

let work: string;
const servers: MockApi[] = [];
const runs: Array<{ name: string; run: CliRun }> = [];

/** Returns a started mock API that accepts the distinctive secret. */
async function serve(options: Parameters<typeof startMockApi>[0] = {}): Promise<MockApi> {
	const api = await startMockApi({ clientSecret: secret, retryAfterSeconds: 0, ...options });
	servers.push(api);
	return api;
}

/** Writes a small folder of occupations written for this test: one broken, one bad image. */
function brokenSource(): string {
	const dir = path.join(work, 'broken-source');
	mkdirSync(path.join(dir, 'yrken'), { recursive: true });
	mkdirSync(path.join(dir, 'images'));
	writeFileSync(path.join(dir, 'images', 'fel.png'), '<p>ingen bild</p>');
	const link = 'https://bilder.example/fel.png';
	writeFileSync(
		path.join(dir, 'manifest.json'),
		JSON.stringify({ images: { [link]: 'images/fel.png' } })
	);
	writeFileSync(
		path.join(dir, 'yrken.json'),
		JSON.stringify([
			{ id: 1, namn: 'Ett', bildlank: link },
			{ id: 2, namn: 'Två' },
		])
	);
	writeFileSync(path.join(dir, 'yrken', '1.json'), JSON.stringify({ id: 1, namn: 'Ett' }));
	writeFileSync(
		path.join(dir, 'yrken', '2.json'),
		JSON.stringify({ id: 2, namn: 'Två', bilder: [{}] })
	);
	return dir;
}

before(async () => {
	work = await tempDir('fetch-secret-');
});

after(async () => {
	await Promise.all(servers.map((server) => server.close()));
	await removeDir(work);
});

test('every path of the fetch runs with the distinctive secret', async () => {
	const ok = await serve({
		faultRate: 0.5,
		faults: ['429', '503', 'drop', 'truncate', 'not-json', 'hang'],
		maxFaultsInARow: 1,
	});
	const list = JSON.parse(ok.body('yrken') as string) as Array<{ id: number }>;
	const some = list
		.slice(0, 12)
		.map((entry) => entry.id)
		.join(',');
	const missing = await serve({ notFound: [list[0]?.id as number] });
	const down = await serve({ faultRate: 1, faults: ['503'], maxFaultsInARow: 1000 });
	const broken = await serve({ dir: brokenSource() });
	const slow = await serve({ latencyMs: 150 });
	const out = (name: string) => path.join(work, name, 'snapshot');
	const closedPort = { ...mockEnv(ok), YRKESINFO_BASE_URL: 'http://127.0.0.1:9/v1' };
	const notAFolder = path.join(work, 'a-file');
	writeFileSync(notAFolder, '');

	const cases: Array<[string, Promise<CliRun>]> = [
		[
			'success through faults and timeouts',
			runCli(['--out', out('ok'), '--only', some, '--timeout', '1'], mockEnv(ok), work),
		],
		['wrong secret', runCli(['--out', out('wrong-secret')], mockEnv(ok, `${secret}-wrong`), work)],
		[
			'wrong id',
			runCli(['--out', out('wrong-id')], { ...mockEnv(ok), YRKESINFO_CLIENT_ID: 'nobody' }, work),
		],
		['404 for one id', runCli(['--out', out('missing')], mockEnv(missing), work)],
		[
			'404 with --allow-partial',
			runCli(['--out', out('partial'), '--allow-partial'], mockEnv(missing), work),
		],
		[
			'unknown id in --only',
			runCli(['--out', out('unknown'), '--only', '999999'], mockEnv(ok), work),
		],
		['retries run out', runCli(['--out', out('down')], mockEnv(down), work)],
		['connection refused', runCli(['--out', out('refused')], closedPort, work)],
		[
			'invalid record and image',
			runCli(['--out', out('broken'), '--allow-partial'], mockEnv(broken), work),
		],
		[
			'secret in the base URL',
			runCli(
				['--out', out('query')],
				{ ...mockEnv(ok), YRKESINFO_BASE_URL: `${ok.baseUrl}?client_secret=${secret}` },
				work
			),
		],
		[
			'base URL not a URL',
			runCli(
				['--out', out('not-url')],
				{ ...mockEnv(ok), YRKESINFO_BASE_URL: `nonsense ${secret}` },
				work
			),
		],
		[
			'out is not a folder',
			runCli(['--out', path.join(notAFolder, 'snapshot')], mockEnv(ok), work),
		],
		['bad flag', runCli(['--concurrency', 'many'], mockEnv(ok), work)],
		['help', runCli(['--help'], mockEnv(ok), work)],
	];
	const interrupted = startCli(
		['--out', out('interrupted'), '--concurrency', '1'],
		mockEnv(slow),
		work
	);
	const interruptedRun = finished(interrupted);
	await waitFor(() => slow.stats.requests >= 3);
	interrupted.kill('SIGINT');
	cases.push(['Ctrl-C', interruptedRun]);

	for (const [name, promise] of cases) runs.push({ name, run: await promise });

	const codes = Object.fromEntries(runs.map(({ name, run }) => [name, run.code]));
	assert.deepEqual(codes, {
		'success through faults and timeouts': 0,
		'wrong secret': 2,
		'wrong id': 2,
		'404 for one id': 1,
		'404 with --allow-partial': 1,
		'unknown id in --only': 1,
		'retries run out': 1,
		'connection refused': 1,
		'invalid record and image': 1,
		'secret in the base URL': 2,
		'base URL not a URL': 2,
		'out is not a folder': 1,
		'bad flag': 2,
		help: 0,
		'Ctrl-C': 130,
	});
	const output = (name: string) => {
		const found = runs.find((item) => item.name === name)?.run;
		return `${found?.stdout}${found?.stderr}`;
	};
	assert.ok((ok.stats.byFault.hang ?? 0) > 0, 'a timeout was met along the way');
	assert.match(output('retries run out'), /Could not fetch the list .*HTTP 503 .*after 6 attempts/);
	assert.match(
		output('connection refused'),
		/connection refused \(ECONNREFUSED\) after 6 attempts/
	);
	assert.match(
		output('invalid record and image'),
		/Occupation 2 \(Två\): does not match the contract: bilder\[0\]\.lank: /
	);
	assert.match(output('invalid record and image'), /fel\.png": not a PNG/);
	assert.match(
		output('unknown id in --only'),
		/Occupation 999999: not in the list from GET \/yrken/
	);
});

test('the secret is in no output and no file', () => {
	assert.ok(runs.length > 10, 'the paths above ran');
	for (const { name, run } of runs) {
		for (const form of forms) {
			assert.ok(!run.stdout.includes(form), `stdout of "${name}" shows the secret`);
			assert.ok(!run.stderr.includes(form), `stderr of "${name}" shows the secret`);
		}
	}
	for (const form of forms) assert.deepEqual(filesContaining(work, form), []);
});
