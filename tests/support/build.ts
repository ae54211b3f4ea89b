import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/lib/snapshot.ts';
import { runNode } from './process.ts';

export interface BuildOptions {
	/** The snapshot folder to build from. */
	snapshot: string;
	/** `YRKESINFO_BASE_PATH`, such as `/yrken-ao/`. */
	base?: string;
	/** Further environment for the build. */
	env?: Record<string, string>;
}

const buildRoot = path.join(os.tmpdir(), 'yrkesinfo-test-builds');

/** Hashes every input of a build, so a cached build is reused only while nothing changed. */
function inputHash(options: BuildOptions): string {
	const hash = createHash('sha256');
	hash.update(JSON.stringify(options));
	const visit = (target: string) => {
		if (!existsSync(target)) return;
		const stat = statSync(target);
		if (stat.isDirectory()) {
			for (const name of readdirSync(target).sort()) visit(path.join(target, name));
		} else {
			hash.update(target);
			hash.update(readFileSync(target));
		}
	};
	for (const input of ['src', 'public', 'astro.config.mjs', 'package-lock.json']) {
		visit(path.join(projectRoot, input));
	}
	visit(options.snapshot);
	return hash.digest('hex').slice(0, 16);
}

/** Returns the exit code and the combined output of `astro build` run with `env`. */
export async function runAstroBuild(
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	// Astro keeps its prerender chunks beside the output only when the output lies inside the
	// working directory, and otherwise in `<cwd>/.astro/.prerender`, which concurrent builds of
	// the shared tree would overwrite. So an outside output is built from its parent folder,
	// which gets a link to the project's packages for those chunks to import.
	let cwd = projectRoot;
	const outDir = env.YRKESINFO_OUT_DIR && path.resolve(projectRoot, env.YRKESINFO_OUT_DIR);
	if (outDir && !outDir.startsWith(projectRoot)) {
		cwd = path.dirname(outDir);
		await mkdir(cwd, { recursive: true });
		await symlink(path.join(projectRoot, 'node_modules'), path.join(cwd, 'node_modules'), 'dir').catch(
			(error: NodeJS.ErrnoException) => {
				if (error.code !== 'EEXIST') throw error;
			}
		);
	}
	const { code, stdout, stderr } = await runNode(
		[path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', projectRoot],
		{ cwd, env }
	);
	return { code, output: stdout + stderr };
}

/**
 * Returns the folder of a built site for these options, building it first unless an identical
 * build is cached from an earlier test file of this run.
 */
export async function buildSite(options: BuildOptions): Promise<string> {
	const outDir = path.join(buildRoot, inputHash(options));
	if (existsSync(path.join(outDir, '.complete'))) return outDir;

	// Build beside the target and rename, so two processes that want the same build at once
	// never see (or write into) each other's half-finished folder.
	const workDir = `${outDir}.${process.pid}`;
	await rm(workDir, { recursive: true, force: true });
	await mkdir(buildRoot, { recursive: true });
	const { code, output } = await runAstroBuild({
		...options.env,
		YRKESINFO_SNAPSHOT: options.snapshot,
		YRKESINFO_BASE_PATH: options.base ?? '/',
		YRKESINFO_OUT_DIR: workDir,
	});
	if (code !== 0) throw new Error(`astro build failed (exit ${code}):\n${output}`);
	await writeFile(path.join(workDir, '.complete'), '');
	await rm(`${workDir}.cache`, { recursive: true, force: true });
	try {
		await rename(workDir, outDir);
	} catch {
		// Another process finished the same build first; its copy is as good as ours.
		await rm(workDir, { recursive: true, force: true });
	}
	return outDir;
}
