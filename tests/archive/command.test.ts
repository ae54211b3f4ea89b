import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readManifest, projectRoot, sampleSnapshotDir } from '../../src/lib/snapshot.ts';
import { buildSite } from '../support/build.ts';
import { testSnapshotDir } from '../support/corpus.ts';
import { runNode, type NodeRun } from '../support/process.ts';

const work = await mkdtemp(path.join(os.tmpdir(), 'yrkesinfo-archive-command-'));
after(() => rm(work, { recursive: true, force: true }));

/** Returns the exit code and output of `npm run archive`'s script run with `args` and `env`. */
function runArchive(args: string[], env: Record<string, string>): Promise<NodeRun> {
	return runNode([path.join(projectRoot, 'scripts/archive.ts'), ...args], { env });
}

/** Returns the last non-empty line of some output. */
function lastLine(output: string): string {
	return output.trimEnd().split('\n').at(-1) ?? '';
}

test('--help explains the command and its options', async () => {
	const { code, stdout } = await runArchive(['--help'], {});
	assert.equal(code, 0);
	assert.match(stdout, /Usage: npm run archive/);
	assert.match(stdout, /YRKESINFO_SNAPSHOT/);
	assert.match(stdout, /--site DIR/);
});

test('it builds the site from the chosen snapshot and prints the zip path last', async () => {
	const out = path.join(work, 'built');
	const { code, stdout, stderr } = await runArchive(['--out', out], {
		YRKESINFO_SNAPSHOT: sampleSnapshotDir,
	});
	assert.equal(code, 0, stderr);

	const manifest = await readManifest(sampleSnapshotDir);
	const zip = lastLine(stdout);
	assert.equal(zip, path.join(out, `yrkesinfo-${manifest.fetchedAt?.slice(0, 10)}.zip`));
	assert.ok(existsSync(zip));
	assert.match(
		stdout,
		/^Archived \d+ files \([\d.]+ [kM]?B, \d+ external links marked\) in [\d.]+ m?s → /m
	);

	// The build went into a temporary folder, which is gone again.
	const buildDir = /into (\S+)…/.exec(stdout)?.[1];
	assert.ok(buildDir);
	assert.equal(existsSync(path.dirname(buildDir)), false);
});

test('--site archives a site that is already built', async () => {
	const site = await buildSite({ snapshot: testSnapshotDir });
	const out = path.join(work, 'prebuilt');
	const { code, stdout, stderr } = await runArchive(['--site', site, '--out', out], {
		YRKESINFO_SNAPSHOT: testSnapshotDir,
	});
	assert.equal(code, 0, stderr);
	assert.doesNotMatch(stdout, /Building the site/);
	assert.match(lastLine(stdout), /yrkesinfo-\d{4}-\d{2}-\d{2}\.zip$/);
	assert.ok(existsSync(lastLine(stdout)));
});

test('a snapshot variable that points nowhere fails with a message that names it', async () => {
	const { code, stderr } = await runArchive(['--out', path.join(work, 'none')], {
		YRKESINFO_SNAPSHOT: path.join(work, 'no-such-snapshot'),
	});
	assert.equal(code, 1);
	assert.match(stderr, /YRKESINFO_SNAPSHOT/);
	assert.equal(existsSync(path.join(work, 'none')), false);
});
