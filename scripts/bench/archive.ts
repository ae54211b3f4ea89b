import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { formatBytes, listFiles } from '../../src/lib/archive/index.ts';
import { formatDuration } from '../../src/lib/progress.ts';
import { runCommand } from '../../tests/support/process.ts';
import {
	isSnapshot,
	projectRoot,
	sampleSnapshotDir,
	sharedCorpusDir,
} from '../../src/lib/snapshot.ts';

/*
 * Archive figures: the zip's size, and the time of `npm run archive` next to `npm run build` for
 * the same snapshot, in the same run, taking turns so that a busy machine slows both alike. Every
 * run builds into a fresh folder, so neither profits from the other's content cache.
 */

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		help: { type: 'boolean', short: 'h' },
	},
});

if (values.help) {
	console.log(`Usage: node scripts/bench/archive.ts [--runs N]

Times \`npm run build\` and \`npm run archive\` N times each (default 5, median), taking turns, on
the real corpus beside the repository (else the sample), and reports the zip's size.`);
	process.exit(0);
}

const runs = Number(values.runs);
const snapshot = isSnapshot(sharedCorpusDir) ? sharedCorpusDir : sampleSnapshotDir;
// Inside the project, because Astro puts the prerender chunks of a build whose output lies outside
// the working directory into the project's shared `.astro/`, where parallel builds collide.
const cache = path.join(projectRoot, 'node_modules', '.cache');
await mkdir(cache, { recursive: true });
const work = await mkdtemp(path.join(cache, 'archive-bench-'));

/** Returns the milliseconds and stdout of `npm run <script>` with `args` and `env`. */
async function timeNpm(
	script: string,
	args: string[],
	env: Record<string, string>
): Promise<{ ms: number; stdout: string }> {
	const started = performance.now();
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const npmArgs = ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])];
	const run = await runCommand(npm, npmArgs, { env: { YRKESINFO_SNAPSHOT: snapshot, ...env } });
	if (run.code !== 0) throw new Error(`npm run ${script} failed (exit ${run.code}):\n${run.stderr}`);
	return { ms: performance.now() - started, stdout: run.stdout };
}

/** Returns the median of some numbers. */
function median(numbers: number[]): number {
	const sorted = [...numbers].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

try {
	const builds: number[] = [];
	const archives: number[] = [];
	const packs: number[] = [];
	const innerBuilds: number[] = [];
	let zip = '';
	let siteDir = '';

	for (let run = 0; run < runs; run++) {
		siteDir = path.join(work, `build-${run}`);
		builds.push((await timeNpm('build', [], { YRKESINFO_OUT_DIR: siteDir })).ms);

		const archived = await timeNpm('archive', ['--out', path.join(work, `zip-${run}`)], {});
		archives.push(archived.ms);
		zip = archived.stdout.trimEnd().split('\n').at(-1) ?? '';
		const inner = /^Built \d+ pages in ([\d.]+) (ms|s)\./m.exec(archived.stdout);
		if (inner) innerBuilds.push(Number(inner[1]) * (inner[2] === 's' ? 1000 : 1));

		// Rewriting and packing alone, on the site this run built.
		packs.push(
			(await timeNpm('archive', ['--site', siteDir, '--out', path.join(work, `pack-${run}`)], {}))
				.ms
		);
		process.stderr.write(`run ${run + 1}/${runs} done\n`);
	}

	const zipBytes = (await stat(zip)).size;
	const entries = unzipSync(await readFile(zip));
	const unpackedBytes = Object.values(entries).reduce((sum, data) => sum + data.length, 0);
	const siteFiles = await listFiles(siteDir);
	let siteBytes = 0;
	for (const file of siteFiles) siteBytes += (await stat(path.join(siteDir, file))).size;
	const pages = Object.keys(entries).filter((name) => name.endsWith('.html')).length;

	const rows: [string, number[]][] = [
		['`npm run build`', builds],
		['`npm run archive` (build + rewrite + zip)', archives],
		...(innerBuilds.length === runs
			? ([['… of which its `astro build`', innerBuilds]] as [string, number[]][])
			: []),
		['`npm run archive -- --site DIR` (rewrite + zip only)', packs],
	];
	console.log(
		`Snapshot: \`${path.relative(projectRoot, snapshot)}\`, ${pages} pages; ${runs} runs, taking turns. ` +
			'On a shared machine the fastest run shows the cost best; the median shows the spread.\n'
	);
	console.log('| step | median | fastest | fastest ÷ fastest build |');
	console.log('| --- | ---: | ---: | ---: |');
	const fastestBuild = Math.min(...builds);
	for (const [label, times] of rows) {
		const fastest = Math.min(...times);
		console.log(
			`| ${label} | ${formatDuration(median(times))} | ${formatDuration(fastest)} | ` +
				`${(fastest / fastestBuild).toFixed(2)}× |`
		);
	}
	const each = (times: number[]) => times.map((ms) => formatDuration(ms)).join(', ');
	console.log(
		`\nEach run: build ${each(builds)}; archive ${each(archives)}; rewrite + zip ${each(packs)}.\n`
	);
	console.log('| output | size |');
	console.log('| --- | ---: |');
	console.log(`| built site (\`dist/\`, ${siteFiles.length} files) | ${formatBytes(siteBytes)} |`);
	console.log(
		`| archive unpacked (${Object.keys(entries).length} files) | ${formatBytes(unpackedBytes)} |`
	);
	console.log(
		`| \`${path.basename(zip)}\` | ${formatBytes(zipBytes)} (${((zipBytes / unpackedBytes) * 100).toFixed(0)} % of unpacked) |`
	);
} finally {
	await rm(work, { recursive: true, force: true });
}
