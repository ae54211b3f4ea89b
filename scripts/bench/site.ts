import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { projectRoot, sampleSnapshotDir, sharedCorpusDir, isSnapshot } from '../../src/lib/snapshot.ts';
import { launchBrowser } from '../../tests/support/browser.ts';
import { serveStatic } from '../../tests/support/static-server.ts';

/*
 * Site figures: build the corpus (323 occupations) and a 10× synthetic copy, next to two bare
 * Astro projects that render one minimal page per record from the same snapshot (one reading the
 * JSON files directly, one through Astro's content layer), on the same machine in the same run.
 * Reports wall time, where it goes, peak memory, page and CSS sizes, and the JS an occupation
 * page loads before any interaction (measured in Chromium).
 */

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '3' },
		factor: { type: 'string', default: '10' },
		snapshot: { type: 'string' },
		help: { type: 'boolean', short: 'h' },
	},
});

if (values.help) {
	console.log(`Usage: node scripts/bench/site.ts [--runs N] [--factor F] [--snapshot DIR]

Builds DIR (default: the shared 2018 corpus, else the sample) N times (median) beside two bare
Astro baselines, then an F× synthetic copy once each, and prints the figures as Markdown.`);
	process.exit(0);
}

const runs = Math.max(1, Number(values.runs));
const factor = Math.max(2, Number(values.factor));
const snapshot = path.resolve(
	values.snapshot ?? (isSnapshot(sharedCorpusDir) ? sharedCorpusDir : sampleSnapshotDir)
);
const astroBin = path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface BuildFigures {
	seconds: number;
	/** User plus system CPU seconds of the build and its children, which load on the machine skews less. */
	cpu: number | null;
	peakMiB: number | null;
	pages: number;
	log: string;
}

/**
 * Returns wall time, peak RSS (largest process of the build) and the log of one `astro build` of
 * the project at `root`. The build runs from the output's parent folder: Astro keeps its
 * intermediate files beside the output only when the output is inside the working directory,
 * and otherwise in `<cwd>/.astro/`, which concurrent builds would share.
 */
function timedBuild(root: string, env: Record<string, string>, out: string): Promise<BuildFigures> {
	const cwd = path.dirname(out);
	return new Promise((resolve, reject) => {
		const astro = [astroBin, 'build', '--root', root];
		const args = timeBin ? ['-f', 'BENCH_RSS_KIB=%M BENCH_CPU=%U+%S', process.execPath, ...astro] : astro;
		const started = performance.now();
		const child = spawn(timeBin ?? process.execPath, args, {
			cwd,
			env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let log = '';
		child.stdout.on('data', (chunk) => (log += chunk));
		child.stderr.on('data', (chunk) => (log += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const seconds = (performance.now() - started) / 1000;
			if (code !== 0) return reject(new Error(`astro build of ${root} failed (exit ${code}):\n${log}`));
			const kib = /BENCH_RSS_KIB=(\d+)/.exec(log)?.[1];
			const cpu = /BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(log);
			const pages = Number(/(\d+) page\(s\) built/.exec(log)?.[1] ?? 0);
			resolve({
				seconds,
				cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
				peakMiB: kib ? Number(kib) / 1024 : null,
				pages,
				log,
			});
		});
	});
}

/** Returns the median of some numbers. */
function median(numbers: number[]): number {
	const sorted = [...numbers].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Returns a snapshot folder with `times` copies of every record, with new ids and suffixed names. */
async function syntheticSnapshot(source: string, times: number, dir: string): Promise<number> {
	await mkdir(path.join(dir, 'yrken'), { recursive: true });
	const list = JSON.parse(await readFile(path.join(source, 'yrken.json'), 'utf8')) as {
		id: number;
		namn: string;
	}[];
	const offset = 10 ** String(Math.max(...list.map((item) => item.id))).length;
	const copyId = (id: number, copy: number) => id + copy * offset;
	const rename = (name: string, copy: number) => (copy === 0 ? name : `${name} ${copy + 1}`);
	const out: unknown[] = [];
	for (const item of list) {
		const detail = JSON.parse(await readFile(path.join(source, 'yrken', `${item.id}.json`), 'utf8'));
		for (let copy = 0; copy < times; copy++) {
			const id = copyId(item.id, copy);
			out.push({ ...item, id, namn: rename(item.namn, copy) });
			const record = {
				...detail,
				id,
				namn: rename(detail.namn, copy),
				liknandeYrken: (detail.liknandeYrken ?? []).map((similar: { id: number; namn: string }) => ({
					id: copyId(similar.id, copy),
					namn: rename(similar.namn, copy),
				})),
			};
			await writeFile(path.join(dir, 'yrken', `${id}.json`), JSON.stringify(record));
		}
	}
	await writeFile(path.join(dir, 'yrken.json'), JSON.stringify(out));
	return out.length;
}

const baselineConfig = `import { defineConfig } from 'astro/config';
export default defineConfig({
	outDir: process.env.BENCH_OUT_DIR,
	cacheDir: process.env.BENCH_OUT_DIR + '.cache',
	trailingSlash: 'always',
	build: { format: 'directory' },
	devToolbar: { enabled: false },
});
`;

const barePage = `<html lang="sv">
	<head><meta charset="utf-8" /><title>{record.namn}</title></head>
	<body><h1>{record.namn}</h1><p>{record.sammanfattning}</p></body>
</html>
`;

/** Returns a new folder holding an empty Astro project, ready for pages. */
async function emptyProject(dir: string): Promise<string> {
	await mkdir(path.join(dir, 'src', 'pages', 'yrken'), { recursive: true });
	await symlink(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	await writeFile(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
	await writeFile(path.join(dir, 'astro.config.mjs'), baselineConfig);
	return dir;
}

/** Returns a minimal Astro project that renders one bare page per record, read straight from the JSON files. */
async function baselineProject(dir: string): Promise<string> {
	await emptyProject(dir);
	await writeFile(
		path.join(dir, 'src', 'pages', 'yrken', '[id].astro'),
		`---
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function getStaticPaths() {
	const dir = process.env.BENCH_SNAPSHOT;
	const list = JSON.parse(readFileSync(path.join(dir, 'yrken.json'), 'utf8'));
	return list.map((item) => ({
		params: { id: String(item.id) },
		props: { record: JSON.parse(readFileSync(path.join(dir, 'yrken', item.id + '.json'), 'utf8')) },
	}));
}

const { record } = Astro.props;
---

${barePage}`
	);
	return dir;
}

/**
 * Returns a minimal Astro project that loads the same records through Astro's content layer (a
 * trivial loader: list entry merged with the detail file, no schema) and renders the same bare
 * page per record, so the content layer's own cost shows apart from the site's pages.
 */
async function contentLayerProject(dir: string): Promise<string> {
	await emptyProject(dir);
	await writeFile(
		path.join(dir, 'src', 'content.config.ts'),
		`import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCollection } from 'astro:content';

const occupations = defineCollection({
	loader: {
		name: 'bench-records',
		load: async ({ store }) => {
			const dir = process.env.BENCH_SNAPSHOT;
			const list = JSON.parse(await readFile(path.join(dir, 'yrken.json'), 'utf8'));
			store.clear();
			for (const item of list) {
				const detail = JSON.parse(await readFile(path.join(dir, 'yrken', item.id + '.json'), 'utf8'));
				store.set({ id: String(item.id), data: { ...item, ...detail } });
			}
		},
	},
});

export const collections = { occupations };
`
	);
	await writeFile(
		path.join(dir, 'src', 'pages', 'yrken', '[id].astro'),
		`---
import { getCollection } from 'astro:content';

export async function getStaticPaths() {
	const entries = await getCollection('occupations');
	return entries.map((entry) => ({ params: { id: entry.id }, props: { record: entry.data } }));
}

const { record } = Astro.props;
---

${barePage}`
	);
	return dir;
}

/** Seconds of one build step as Astro logs it ("812ms", "1.57s"), or null when the log lacks it. */
function loggedSeconds(log: string, pattern: RegExp): number | null {
	const match = pattern.exec(log);
	if (!match) return null;
	return Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
}

/** The steps of a build, in seconds, read from its log. */
interface BuildSteps {
	/** Content layer sync (the loader) and type generation. */
	content: number | null;
	/** Rendering every page to HTML ("generating static routes"). */
	rendering: number | null;
	/** Pagefind, the local index and the search scripts. */
	search: number | null;
}

/** Returns the steps of one build, from the times Astro and the search integration log. */
function buildSteps(log: string): BuildSteps {
	return {
		content: loggedSeconds(log, /\[types\] Generated ([\d.]+)(ms|s)/),
		rendering: loggedSeconds(log, /generating static routes[\s\S]*?Completed in ([\d.]+)(ms|s)/),
		search: loggedSeconds(log, /Indexed \d+ pages .* in ([\d.]+)(s)/),
	};
}

/** Returns the median and maximum gzip size of the occupation pages of a build. */
function pageSizes(dist: string): { median: number; max: number; maxPage: string; count: number } {
	const sizes: { bytes: number; page: string }[] = [];
	for (const slug of readdirSync(path.join(dist, 'yrken'))) {
		const file = path.join(dist, 'yrken', slug, 'index.html');
		if (existsSync(file)) sizes.push({ bytes: gzipSync(readFileSync(file)).length, page: slug });
	}
	const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
	return {
		median: median(sizes.map((item) => item.bytes)),
		max: largest.bytes,
		maxPage: largest.page,
		count: sizes.length,
	};
}

/** Returns the raw and gzip bytes of the site's stylesheets. */
function cssBytes(dist: string): { raw: number; gzip: number } {
	let raw = 0;
	let gzip = 0;
	for (const name of readdirSync(path.join(dist, '_astro'))) {
		if (!name.endsWith('.css')) continue;
		const bytes = readFileSync(path.join(dist, '_astro', name));
		raw += bytes.length;
		gzip += gzipSync(bytes).length;
	}
	return { raw, gzip };
}

/** Returns the JS bytes (and files) an occupation page loads in Chromium before any interaction. */
async function jsBeforeInteraction(dist: string, slug: string): Promise<{ bytes: number; files: string[] }> {
	const server = await serveStatic(dist);
	const browser = await launchBrowser();
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		const scripts: Promise<{ url: string; bytes: number }>[] = [];
		page.on('response', (response) => {
			const type = response.request().resourceType();
			if (type === 'script' || /\.(m?js|wasm)(\?|$)/.test(response.url())) {
				scripts.push(response.body().then((body) => ({ url: response.url(), bytes: body.length })));
			}
		});
		await page.goto(`${server.url}yrken/${slug}/`, { waitUntil: 'networkidle' });
		await page.waitForTimeout(500);
		const loaded = await Promise.all(scripts);
		return {
			bytes: loaded.reduce((sum, item) => sum + item.bytes, 0),
			files: loaded.map((item) => item.url.slice(server.url.length - 1)),
		};
	} finally {
		await browser.close();
		await server.close();
	}
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const work = await mkdtemp(path.join(os.tmpdir(), 'yrkesinfo-bench-site-'));
try {
	const started = performance.now();
	// Prerendered chunks are written beside the output and import the project's packages.
	await symlink(path.join(projectRoot, 'node_modules'), path.join(work, 'node_modules'), 'dir');
	const baseline = await baselineProject(path.join(work, 'baseline'));
	const layered = await contentLayerProject(path.join(work, 'content-layer'));
	const big = path.join(work, `snapshot-${factor}x`);
	const bigCount = await syntheticSnapshot(snapshot, factor, big);
	const smallCount = JSON.parse(readFileSync(path.join(snapshot, 'yrken.json'), 'utf8')).length;
	console.error(`Benchmarking ${smallCount} occupations from ${snapshot} and a ${factor}× copy (${bigCount}).`);

	const site = (snap: string, out: string) =>
		timedBuild(projectRoot, { YRKESINFO_SNAPSHOT: snap, YRKESINFO_OUT_DIR: out, YRKESINFO_BASE_PATH: '/' }, out);
	const bare = (snap: string, out: string) =>
		timedBuild(baseline, { BENCH_SNAPSHOT: snap, BENCH_OUT_DIR: out }, out);
	const layer = (snap: string, out: string) =>
		timedBuild(layered, { BENCH_SNAPSHOT: snap, BENCH_OUT_DIR: out }, out);
	const fresh = async (out: string) => {
		await rm(out, { recursive: true, force: true });
		await rm(`${out}.cache`, { recursive: true, force: true });
		return out;
	};

	// Interleaved, so that load from others on the machine falls on every build alike.
	const ours: BuildFigures[] = [];
	const theirs: BuildFigures[] = [];
	const layers: BuildFigures[] = [];
	for (let run = 0; run < runs; run++) {
		ours.push(await site(snapshot, await fresh(path.join(work, 'site-1x'))));
		theirs.push(await bare(snapshot, await fresh(path.join(work, 'bare-1x'))));
		layers.push(await layer(snapshot, await fresh(path.join(work, 'layer-1x'))));
		console.error(
			`Run ${run + 1}/${runs}: site ${ours.at(-1)!.seconds.toFixed(1)} s, bare ${theirs.at(-1)!.seconds.toFixed(1)} s, ` +
				`content layer ${layers.at(-1)!.seconds.toFixed(1)} s.`
		);
	}
	const oursBig = await site(big, await fresh(path.join(work, `site-${factor}x`)));
	const theirsBig = await bare(big, await fresh(path.join(work, `bare-${factor}x`)));
	const layersBig = await layer(big, await fresh(path.join(work, `layer-${factor}x`)));
	console.error(
		`${factor}×: site ${oursBig.seconds.toFixed(1)} s, bare ${theirsBig.seconds.toFixed(1)} s, ` +
			`content layer ${layersBig.seconds.toFixed(1)} s.`
	);

	const small = pageSizes(path.join(work, 'site-1x'));
	const large = pageSizes(path.join(work, `site-${factor}x`));
	const css = cssBytes(path.join(work, 'site-1x'));
	const firstSlug = readdirSync(path.join(work, 'site-1x', 'yrken')).sort()[0];
	const js = await jsBeforeInteraction(path.join(work, 'site-1x'), firstSlug);

	const wallOf = (items: BuildFigures[]) => median(items.map((item) => item.seconds));
	const cpuOf = (items: BuildFigures[]) => {
		const values = items.map((item) => item.cpu).filter((value): value is number => value !== null);
		return values.length ? median(values) : null;
	};
	// Each step is the median over the runs of its own logged time, so the steps need not add up
	// to the median wall time; what they leave out is process start, config and Vite's bundling.
	const stepOf = (items: BuildFigures[], step: keyof BuildSteps) => {
		const values = items.map((item) => buildSteps(item.log)[step]).filter((value): value is number => value !== null);
		return values.length ? median(values) : null;
	};
	const oneSeconds = wallOf(ours);
	const bareSeconds = wallOf(theirs);
	const layerSeconds = wallOf(layers);
	const oneCpu = cpuOf(ours);
	const bareCpu = cpuOf(theirs);
	const layerCpu = cpuOf(layers);
	const peak = (items: BuildFigures[]) => {
		const values = items.map((item) => item.peakMiB).filter((value): value is number => value !== null);
		return values.length ? `${Math.max(...values).toFixed(0)} MiB` : 'n/a';
	};
	const perPage = (seconds: number | null, count: number) =>
		seconds === null ? 'n/a' : `${((seconds / count) * 1000).toFixed(1)} ms`;
	const secs = (seconds: number | null) => (seconds === null ? 'n/a' : `${seconds.toFixed(1)} s`);
	const ratio = (a: number | null, b: number | null) =>
		a === null || b === null ? 'n/a' : `${(a / b).toFixed(2)}×`;
	const oneSearch = stepOf(ours, 'search') ?? 0;

	const row = (name: string, count: number, items: BuildFigures[]) => {
		const cpu = cpuOf(items);
		return `| ${name} | ${count} | ${secs(wallOf(items))} | ${secs(cpu)} | ${perPage(cpu, count)} | ${peak(items)} |`;
	};
	const stepRow = (name: string, items: BuildFigures[]) => {
		const wall = wallOf(items);
		const known = (['content', 'rendering', 'search'] as const).map((step) => stepOf(items, step) ?? 0);
		const rest = wall - known.reduce((sum, value) => sum + value, 0);
		const search = stepOf(items, 'search');
		return `| ${name} | ${secs(wall)} | ${secs(stepOf(items, 'content'))} | ${secs(stepOf(items, 'rendering'))} | ${search === null ? '–' : secs(search)} | ${secs(rest)} |`;
	};

	console.log(`Snapshot: ${snapshot} (${smallCount} occupations); ${factor}× synthetic copy: ${bigCount}.
Builds run one after another on ${os.cpus().length} cores shared with other work; 1× figures are the
median of ${runs} runs (interleaved), ${factor}× figures one run each. CPU is user + system time of
the build and its children (Pagefind's indexer included). Two baselines render the same bare page
(name and summary) per record: "bare" reads the JSON files in \`getStaticPaths\`; "content layer"
loads them through Astro's content layer with a trivial loader and no schema, as the site does.

| Build | Occupations | Wall time | CPU time | CPU per occupation | Peak RSS |
| --- | ---: | ---: | ---: | ---: | ---: |
${row('Yrkesinfo site', smallCount, ours)}
${row('Bare Astro, JSON read in getStaticPaths', smallCount, theirs)}
${row('Bare Astro, content layer', smallCount, layers)}
${row('Yrkesinfo site', bigCount, [oursBig])}
${row('Bare Astro, JSON read in getStaticPaths', bigCount, [theirsBig])}
${row('Bare Astro, content layer', bigCount, [layersBig])}

Where the time goes (wall seconds of each step as the build logs it, at 1× the median over the
runs; "other" is process start, config, Vite's bundling of the pages and the other integrations):

| Build | Wall | Content sync + types | Rendering pages | Search indexing | Other |
| --- | ---: | ---: | ---: | ---: | ---: |
${stepRow(`Yrkesinfo site, ${smallCount}`, ours)}
${stepRow(`Bare Astro, JSON read in getStaticPaths, ${smallCount}`, theirs)}
${stepRow(`Bare Astro, content layer, ${smallCount}`, layers)}
${stepRow(`Yrkesinfo site, ${bigCount}`, [oursBig])}
${stepRow(`Bare Astro, JSON read in getStaticPaths, ${bigCount}`, [theirsBig])}
${stepRow(`Bare Astro, content layer, ${bigCount}`, [layersBig])}

| Figure | Value | Aim |
| --- | ---: | --- |
| Site build ÷ bare build (JSON in getStaticPaths), ${smallCount} occupations (wall) | ${ratio(oneSeconds, bareSeconds)} | ≤ 1.5× |
| Same, without the search indexing step (wall) | ${ratio(oneSeconds - oneSearch, bareSeconds)} | |
| Site build ÷ bare content-layer build, ${smallCount} occupations (wall) | ${ratio(oneSeconds, layerSeconds)} | |
| Same, without the search indexing step (wall) | ${ratio(oneSeconds - oneSearch, layerSeconds)} | |
| Bare content-layer build ÷ bare build (wall): the content layer's own share | ${ratio(layerSeconds, bareSeconds)} | |
| Site build ÷ bare build, ${smallCount} occupations (CPU) | ${ratio(oneCpu, bareCpu)} (content layer: ${ratio(oneCpu, layerCpu)}) | |
| Cost per occupation, ${factor}× ÷ 1× (wall) | ${ratio(oursBig.seconds / bigCount, oneSeconds / smallCount)} | ≤ 1.0× |
| Cost per occupation, ${factor}× ÷ 1× (CPU) | ${ratio(cpuOf([oursBig]) === null ? null : cpuOf([oursBig])! / bigCount, oneCpu === null ? null : oneCpu / smallCount)} | ≤ 1.0× |
| Occupation page HTML, gzip, median | ${kb(small.median)} (${factor}×: ${kb(large.median)}) | ≤ 6 KB |
| Occupation page HTML, gzip, max | ${kb(small.max)} (${small.maxPage}) | ≤ 6 KB |
| CSS (all stylesheets) | ${kb(css.raw)} (${kb(css.gzip)} gzip) | |
| JS loaded by an occupation page before interaction | ${js.bytes} bytes${js.files.length ? ` (${js.files.join(', ')})` : ''} | 0 bytes |

Command: \`node scripts/bench/site.ts --runs ${runs} --factor ${factor}\` (or \`npm run bench -- --only site\`).`);
	console.error(`Finished the site benchmark in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
} finally {
	await rm(work, { recursive: true, force: true });
}
