import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/lib/snapshot.ts';

const { values } = parseArgs({
	options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});

const dir = path.join(projectRoot, 'scripts', 'bench');
const suites = readdirSync(dir)
	.filter((name) => name.endsWith('.ts'))
	.map((name) => name.slice(0, -3))
	.sort();

if (values.help) {
	console.log(`Usage: npm run bench [-- --only NAME,NAME]

Runs each benchmark in scripts/bench/ in turn and prints its figures as Markdown.
Benchmarks: ${suites.join(', ')}`);
	process.exit(0);
}

const only = values.only?.split(',').map((name) => name.trim());
let failed = 0;
for (const suite of suites) {
	if (only && !only.includes(suite)) continue;
	console.log(`\n## ${suite}\n`);
	// Each benchmark runs in a process of its own, so one's memory peak never shows in another's.
	const { status } = spawnSync(process.execPath, [path.join(dir, `${suite}.ts`)], {
		stdio: 'inherit',
		cwd: projectRoot,
	});
	if (status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
