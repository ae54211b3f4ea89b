import path from 'node:path';
import { parseArgs } from 'node:util';
import { createArchive } from '../src/lib/archive/index.ts';
import { projectRoot, resolveSnapshot } from '../src/lib/snapshot.ts';

const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		site: { type: 'string' },
		base: { type: 'string' },
		help: { type: 'boolean', short: 'h' },
	},
});

if (values.help) {
	console.log(`Usage: npm run archive [-- --out DIR] [-- --site DIR [--base PATH]]

Builds the site from the current snapshot (YRKESINFO_SNAPSHOT, else data/snapshot, else
data/sample), rewrites it so it opens from disk, and writes archive/yrkesinfo-<date>.zip.
The last line printed is the zip's path.

Options:
  --out DIR    folder for the zip (default: archive/)
  --site DIR   archive this already built site instead of building one
  --base PATH  the YRKESINFO_BASE_PATH that --site was built with (default: /)`);
	process.exit(0);
}

try {
	const { dir, source } = resolveSnapshot();
	console.log(`Snapshot: ${dir} (${source})`);
	const result = await createArchive({
		snapshotDir: dir,
		archiveDir: path.resolve(values.out ?? path.join(projectRoot, 'archive')),
		siteDir: values.site ? path.resolve(values.site) : undefined,
		base: values.base,
	});
	console.log(result.file);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	if (error instanceof Error && error.cause) console.error(error.cause);
	process.exit(1);
}
