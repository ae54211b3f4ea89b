/*
 * The offline archive: build the site, rewrite it so it works from disk, add a read-me, and pack
 * it into one zip named after the snapshot's date.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { displayPath, formatDuration, startProgress } from '../progress.ts';
import { projectRoot, readJson, readManifest } from '../snapshot.ts';
import { readmeName, readmeText } from './lasmig.ts';
import { emptyReport, rewriteCss, rewritePage, type RewriteReport } from './rewrite.ts';
import { snapshotDate, type SnapshotDate } from './snapshot-date.ts';
import { writeZip, type ZipEntry } from './zip.ts';

export { readmeName } from './lasmig.ts';
export { externalLinkClass, externalLinkNote } from './rewrite.ts';

/** Files a static host reads for its own configuration; they mean nothing on disk. */
const hostFiles = new Set(['_headers', '_redirects']);

/** Returns every file under `dir` as sorted `/`-separated paths, leaving out dot files. */
export async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) =>
			path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
		)
		.filter((file) => !file.split('/').some((part) => part.startsWith('.')))
		.sort();
}

/** Returns a readable size, such as `4.2 MB`. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Returns the zip's file name for a snapshot day, such as `yrkesinfo-2018-12-09.zip`. */
export function archiveName(day: string): string {
	return `yrkesinfo-${day}.zip`;
}

export interface ArchiveSiteOptions {
	/** A built site. */
	siteDir: string;
	/** The base path it was built with; `/` unless `YRKESINFO_BASE_PATH` was set. */
	base?: string;
	/** The snapshot it was built from, for the read-me and the zip's date. */
	snapshotDir: string;
	/** The folder the zip goes into. */
	archiveDir: string;
	log?: (line: string) => void;
}

export interface ArchiveResult {
	/** The absolute path of the written zip. */
	file: string;
	/** How many files the zip holds. */
	files: number;
	bytes: number;
	date: SnapshotDate;
	report: RewriteReport;
	/** Snapshot images that no page shows, added to the zip under their snapshot path. */
	extraImages: string[];
}

/** Returns the hex SHA-256 of some bytes. */
function sha256(data: Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Matches the file types a snapshot's images come in. */
const imagePattern = /\.(png|jpe?g|gif|webp|avif|svg)$/i;

/**
 * Returns the snapshot's downloaded images (paths relative to the snapshot) whose bytes no image
 * of the built site holds, such as pictures a page does not show.
 */
async function imagesNotInSite(
	snapshotDir: string,
	images: Record<string, string>,
	siteDir: string,
	files: readonly string[]
): Promise<string[]> {
	const wanted = [...new Set(Object.values(images))];
	if (wanted.length === 0) return [];
	const siteHashes = new Set<string>();
	for (const file of files.filter((name) => imagePattern.test(name))) {
		siteHashes.add(sha256(await readFile(path.join(siteDir, file))));
	}
	const missing: string[] = [];
	for (const file of wanted) {
		const source = path.join(snapshotDir, file);
		if (existsSync(source) && !siteHashes.has(sha256(await readFile(source)))) missing.push(file);
	}
	return missing;
}

/**
 * Returns the result of packing an already built site into the archive's zip: pages and style
 * sheets rewritten for `file:`, every other file as it is, and `LASMIG.txt`.
 */
export async function archiveSite(options: ArchiveSiteOptions): Promise<ArchiveResult> {
	const { siteDir, snapshotDir, archiveDir, base = '/', log = console.log } = options;
	const manifest = await readManifest(snapshotDir);
	const date = await snapshotDate(snapshotDir, manifest);
	const list = (await readJson(path.join(snapshotDir, 'yrken.json'))) as unknown[];

	const files = (await listFiles(siteDir)).filter((file) => !hostFiles.has(file));
	if (!files.includes('index.html')) {
		throw new Error(`${siteDir} has no index.html; is it the output of \`astro build\`?`);
	}
	const context = { files: new Set(files), base };
	const report = emptyReport();
	// The archive keeps every image the fetch downloaded, also those no page shows, beside the
	// pages under the path the snapshot gives them.
	const extraImages = (
		await imagesNotInSite(snapshotDir, manifest.images ?? {}, siteDir, files)
	).filter((file) => !context.files.has(file) && !file.startsWith('..') && !path.isAbsolute(file));
	const openData = files.filter(
		(file) => /\.(json|csv)$/.test(file) && !/^(pagefind|_astro)\//.test(file)
	);

	const readme = readmeText({
		manifest,
		date,
		occupations: list.length,
		openData,
	});

	// Entries are produced one at a time as the zip asks for them, so the site is never held
	// in memory all at once.
	async function* entries(): AsyncGenerator<ZipEntry> {
		yield { name: readmeName, data: new TextEncoder().encode(readme) };
		for (const file of files) {
			const raw = await readFile(path.join(siteDir, file));
			let data: Uint8Array = raw;
			if (file.endsWith('.html')) {
				data = Buffer.from(rewritePage(raw.toString('utf8'), file, context, report));
			} else if (file.endsWith('.css')) {
				data = Buffer.from(rewriteCss(raw.toString('utf8'), file, context, report));
			}
			yield { name: file, data };
		}
		for (const file of extraImages) {
			yield { name: file, data: await readFile(path.join(snapshotDir, file)) };
		}
	}

	const zipFile = path.resolve(archiveDir, archiveName(date.day));
	const bar = startProgress('Archiving files', files.length + extraImages.length + 1);
	let count = 0;
	const bytes = await writeZip(zipFile, entries(), {
		// Every entry gets the snapshot's day, so the same snapshot always gives the same zip. Zip
		// times are local, so the day is given as local midnight, which reads the same everywhere.
		mtime: new Date(
			Math.max(date.date.getUTCFullYear(), 1980),
			date.date.getUTCMonth(),
			date.date.getUTCDate()
		),
		onEntry: () => {
			count++;
			bar.advance();
		},
	});
	bar.finish();

	if (report.remoteLoads.length > 0) {
		await rm(zipFile, { force: true });
		throw new Error(
			`The archive would load ${report.remoteLoads.length} file(s) from the network, ` +
				`which must never happen from disk. Serve them from the site instead:\n  ` +
				report.remoteLoads.slice(0, 20).join('\n  ')
		);
	}
	if (report.unresolved.length > 0) {
		log(`Warning: ${report.unresolved.length} internal URL(s) name no file of the site:`);
		for (const line of report.unresolved.slice(0, 10)) log(`  ${line}`);
	}
	if (extraImages.length > 0) {
		log(
			`Added ${extraImages.length} image(s) of the snapshot that no page shows, such as ${extraImages[0]}.`
		);
	}

	return { file: zipFile, files: count, bytes, date, report, extraImages };
}

/**
 * Returns once `astro build` has built a snapshot into `outDir` (a folder in a directory of its
 * own), at the root base path.
 */
export async function buildForArchive({
	snapshotDir,
	outDir,
	log = console.log,
}: {
	snapshotDir: string;
	outDir: string;
	log?: (line: string) => void;
}): Promise<void> {
	const occupations = ((await readJson(path.join(snapshotDir, 'yrken.json'))) as unknown[]).length;
	const started = performance.now();
	const env = {
		...process.env,
		YRKESINFO_SNAPSHOT: snapshotDir,
		YRKESINFO_OUT_DIR: outDir,
		// The archive is rewritten to relative links, so it is always built for the root.
		YRKESINFO_BASE_PATH: '/',
	};
	// Astro keeps its prerender chunks in `<cwd>/.astro/` when the output lies outside the working
	// directory, where parallel builds of the project would delete each other's. Run from the
	// output's parent instead, so the chunks stay with this build, and give that folder a link to
	// the project's packages for the chunks to import.
	const cwd = path.dirname(outDir);
	await mkdir(cwd, { recursive: true });
	const modules = path.join(cwd, 'node_modules');
	if (!existsSync(modules)) await symlink(path.join(projectRoot, 'node_modules'), modules, 'dir');
	const child = spawn(
		process.execPath,
		[path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', projectRoot],
		{ cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }
	);

	let output = '';
	let pages = 0;
	// Astro prints one line per page it renders; the occupation pages are most of the work.
	const bar = startProgress('Rendering occupation pages', occupations);
	let counted = 0;
	const onData = (chunk: Buffer) => {
		output += chunk.toString();
		// Only whole lines are counted, as a chunk may end inside one.
		const complete = output.lastIndexOf('\n') + 1;
		const lines = output.slice(counted, complete);
		counted = complete;
		pages += lines.match(/[├└]─ /g)?.length ?? 0;
		bar.advance(lines.match(/[├└]─ \/yrken\/[^/\s]+\//g)?.length ?? 0);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	bar.finish();
	if (code !== 0) {
		throw new Error(`astro build failed (exit ${code}). Its output:\n${output.trim()}`);
	}
	log(`Built ${pages} pages in ${formatDuration(performance.now() - started)}.`);
}

export interface CreateArchiveOptions {
	snapshotDir: string;
	archiveDir: string;
	/** Archive this built site instead of building one. */
	siteDir?: string;
	/** The base path `siteDir` was built with. */
	base?: string;
	log?: (line: string) => void;
}

/** Returns the result of building the site (unless given one) and writing its archive. */
export async function createArchive(options: CreateArchiveOptions): Promise<ArchiveResult> {
	const { snapshotDir, archiveDir, log = console.log } = options;
	const started = performance.now();
	let siteDir = options.siteDir;
	let workDir: string | undefined;

	try {
		if (!siteDir) {
			workDir = await mkdtemp(path.join(os.tmpdir(), 'yrkesinfo-archive-'));
			siteDir = path.join(workDir, 'site');
			log(`Building the site from ${snapshotDir} into ${siteDir}…`);
			await buildForArchive({ snapshotDir, outDir: siteDir, log });
		}
		log(`Rewriting ${siteDir} for reading from disk and packing it…`);
		const result = await archiveSite({
			siteDir,
			base: options.siteDir ? options.base : '/',
			snapshotDir,
			archiveDir,
			log,
		});
		log(
			`Archived ${result.files} files (${formatBytes(result.bytes)}, ` +
				`${result.report.externalLinks} external links marked) in ` +
				`${formatDuration(performance.now() - started)} → ${displayPath(result.file)}`
		);
		return result;
	} finally {
		if (workDir) await rm(workDir, { recursive: true, force: true });
	}
}
