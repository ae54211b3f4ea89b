import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { defaultConcurrency, runFetch } from '../../src/lib/fetch/run.ts';
import { startMockApi } from '../../tests/support/mock-api.ts';

/*
 * Fetch figures: the whole fetch from the local mock API with a fixed latency added to every
 * request, at concurrency 1 and at the default, against the ideal of requests × latency ÷
 * concurrency. Each fetch runs in a process of its own, so its memory peak is its own.
 */

const { values } = parseArgs({
	options: {
		latency: { type: 'string', default: '50' },
		runs: { type: 'string', default: '5' },
		worker: { type: 'boolean', default: false },
		baseline: { type: 'boolean', default: false },
		'base-url': { type: 'string' },
		concurrency: { type: 'string' },
		out: { type: 'string' },
		help: { type: 'boolean', short: 'h' },
	},
});

if (values.help) {
	console.log(`Usage: node scripts/bench/fetch.ts [--latency MS] [--runs N]

Fetches the test corpus from the mock API with MS of latency per request (default 50) at
concurrency 1 and ${defaultConcurrency} (the default); the default is measured N times (median).`);
	process.exit(0);
}

if (values.baseline) {
	// The same process with the same modules loaded, fetching nothing: what Node itself takes.
	console.log(JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024 }));
	process.exit(0);
}

if (values.worker) {
	// One measured fetch: the figures go to stdout as JSON for the parent.
	const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
	const before = process.resourceUsage();
	const cpuBefore = before.userCPUTime + before.systemCPUTime;
	const started = performance.now();
	const result = await runFetch({
		config: {
			baseUrl: values['base-url'] as string,
			clientId: 'bench',
			clientSecret: 'bench-secret',
		},
		out: values.out as string,
		concurrency: Number(values.concurrency),
		progress: { stream: silent, summaryStream: silent, tty: false },
	});
	const ms = performance.now() - started;
	const usage = process.resourceUsage();
	// CPU time does not depend on how busy the machine is, unlike the wall time.
	const cpuMs = (usage.userCPUTime + usage.systemCPUTime - cpuBefore) / 1000;
	const peakRss = usage.maxRSS * 1024;
	console.log(
		JSON.stringify({ ms, cpuMs, peakRss, count: result.count, exitCode: result.exitCode })
	);
	process.exit(0);
}

const latencyMs = Number(values.latency);
const runs = Number(values.runs);
const api = await startMockApi({ latencyMs, clientId: 'bench', clientSecret: 'bench-secret' });
const work = await mkdtemp(path.join(os.tmpdir(), 'fetch-bench-'));
const requests = api.count + 1;

interface Figures {
	ms: number;
	cpuMs: number;
	peakRss: number;
	count: number;
	exitCode: number;
}

/** Returns the figures of one fetch into a fresh folder at the given concurrency. */
function measure(concurrency: number, run: number): Promise<Figures> {
	const out = path.join(work, `c${concurrency}-r${run}`, 'snapshot');
	const args = ['--worker', '--base-url', api.baseUrl, '--concurrency', String(concurrency)];
	return child([...args, '--out', out]);
}

/** Returns the JSON figures a child run of this script prints. */
function child<T>(args: string[]): Promise<T> {
	return new Promise((resolve, reject) => {
		let stdout = '';
		const script = process.argv[1] as string;
		const running = spawn(process.execPath, [script, ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		running.stdout.on('data', (chunk) => (stdout += chunk));
		running.on('error', reject);
		running.on('close', (code) =>
			code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`The fetch exited ${code}.`))
		);
	});
}

const rows: string[] = [];
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
let baseline = 0;
try {
	baseline = (await child<{ peakRss: number }>(['--baseline'])).peakRss;
	for (const concurrency of [1, defaultConcurrency]) {
		const times = concurrency === 1 ? 1 : runs;
		const figures: Figures[] = [];
		for (let run = 0; run < times; run++) {
			console.error(
				`Fetching ${api.count} occupations at concurrency ${concurrency} (run ${run + 1}/${times}) …`
			);
			const result = await measure(concurrency, run);
			if (result.count !== api.count || result.exitCode !== 0) {
				throw new Error(`Run fetched ${result.count} of ${api.count} occupations.`);
			}
			figures.push(result);
		}
		figures.sort((a, b) => a.ms - b.ms);
		const median = figures[Math.floor(figures.length / 2)] as Figures;
		const best = figures[0] as Figures;
		const ideal = (requests * latencyMs) / concurrency;
		const peak = Math.max(...figures.map((item) => item.peakRss));
		const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
		rows.push(
			`| ${concurrency}${concurrency === defaultConcurrency ? ' (default)' : ''} | ${requests} | ` +
				`${seconds(ideal)} | ${seconds(median.ms)} | ${(median.ms / ideal).toFixed(2)}× | ` +
				`${(best.ms / ideal).toFixed(2)}× | ${Math.round(median.cpuMs)} ms | ${megabytes(peak)} |`
		);
	}
} finally {
	await api.close();
	await rm(work, { recursive: true, force: true });
}

console.log(`Fetch of ${api.count} occupations (plus the list) from the local mock API with ${latencyMs} ms \
added to every request; measured in-process around the fetch, median of ${runs} runs at the default.

| Concurrency | Requests | Ideal (requests × latency ÷ concurrency) | Measured (median) | Ratio | Best ratio | CPU time | Peak RSS |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Aim: at most 1.3× the ideal at the default concurrency. Each fetch is a fresh process, so the time
includes its first connection; peak RSS is that process's, of which ${megabytes(baseline)} is Node
with the fetch's modules loaded, before any request.
Load average during the run: ${os
	.loadavg()
	.map((load) => load.toFixed(1))
	.join(', ')} on \
${os.availableParallelism()} cores. Command: \`npm run bench -- --only fetch\`.`);
