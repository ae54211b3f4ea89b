import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import {
	headerRules,
	immutableCaching,
	revalidateCaching,
} from '../../src/integrations/headers.ts';
import { listFiles } from '../../src/lib/archive/index.ts';
import { cspHeader, cspMeta } from '../../src/lib/csp.ts';
import { buildSite } from '../support/build.ts';
import { testSnapshotDir } from '../support/corpus.ts';

interface Rule {
	path: string;
	headers: [string, string][];
}

/** Returns the rules of a `_headers` file, read the way Netlify and Cloudflare Pages read it. */
function parseHeaders(text: string): Rule[] {
	const rules: Rule[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '' || line.trim().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			rules.push({ path: line.trim(), headers: [] });
			continue;
		}
		const colon = line.indexOf(':');
		assert.ok(colon > 0 && rules.length > 0, `a header line outside a rule: ${line}`);
		rules.at(-1)?.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
	}
	return rules;
}

/** Returns true when a rule's path pattern (with `*` splats and `:name` placeholders) matches. */
function matches(pattern: string, requestPath: string): boolean {
	const source = pattern
		.split(/(\*|:[a-z]+)/i)
		.map((part) =>
			part === '*'
				? '.*'
				: part.startsWith(':')
					? '[^/]+'
					: part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
		)
		.join('');
	return new RegExp(`^${source}$`).test(requestPath);
}

/** Returns the headers Netlify sends: every matching rule applies, a later one wins a name. */
function netlify(rules: Rule[], requestPath: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const rule of rules.filter((r) => matches(r.path, requestPath))) {
		for (const [name, value] of rule.headers) result[name.toLowerCase()] = value;
	}
	return result;
}

/** Returns the headers Cloudflare Pages sends: every matching rule applies, repeats are joined. */
function cloudflare(rules: Rule[], requestPath: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const rule of rules.filter((r) => matches(r.path, requestPath))) {
		for (const [name, value] of rule.headers) {
			const key = name.toLowerCase();
			result[key] = key in result ? `${result[key]}, ${value}` : value;
		}
	}
	return result;
}

/** Returns the URL path a browser asks for to get a built file. */
function requestPath(base: string, file: string): string {
	return base + file.replace(/(^|\/)index\.html$/, '$1');
}

test('no path matches two rules that set the same header, so both hosts read one value', () => {
	const rules = headerRules('/', [
		{ name: 'index.html', isDirectory: false },
		{ name: '404.html', isDirectory: false },
		{ name: '_astro', isDirectory: true },
		{ name: 'pagefind', isDirectory: true },
		{ name: 'yrken', isDirectory: true },
	]);
	const requests = [
		'/',
		'/404.html',
		'/_astro/site.abc123.css',
		'/yrken/bagare/',
		'/pagefind/pagefind.js',
		'/pagefind/fragment/sv_1a2b.pf_fragment',
	];
	for (const request of requests) {
		const setting = rules.filter(
			(rule) => matches(rule.path, request) && 'Cache-Control' in rule.headers
		);
		assert.equal(setting.length, 1, `${request}: ${setting.map((rule) => rule.path).join(', ')}`);
	}
});

for (const base of ['/', '/yrken-ao/']) {
	test(`every built file gets the same headers on Netlify and Cloudflare Pages (base ${base})`, async () => {
		const site = await buildSite({ snapshot: testSnapshotDir, base });
		const rules = parseHeaders(await readFile(path.join(site, '_headers'), 'utf8'));
		const files = (await listFiles(site)).filter((file) => file !== '_headers');
		assert.ok(files.length > 10);

		for (const file of files) {
			const request = requestPath(base, file);
			const sent = netlify(rules, request);
			assert.deepEqual(cloudflare(rules, request), sent, `${request}: the hosts disagree`);

			assert.equal(sent['content-security-policy'], cspHeader, request);
			assert.equal(sent['x-content-type-options'], 'nosniff', request);
			assert.ok(sent['referrer-policy'], request);

			if (file.startsWith('_astro/') || /^pagefind\/(fragment|index|filter)\//.test(file)) {
				assert.equal(sent['cache-control'], immutableCaching, request);
			} else if (
				!file.startsWith('pagefind/') ||
				/^pagefind\/pagefind[^/]*\.(js|json|css)$/.test(file)
			) {
				// Pages, the search entry points and everything else whose name stays the same.
				assert.equal(sent['cache-control'], revalidateCaching, request);
			}
		}
	});
}

test('the header policy is the one the pages carry, plus what only a header can say', async () => {
	const site = await buildSite({ snapshot: testSnapshotDir });
	const pages = (await listFiles(site)).filter((file) => file.endsWith('.html'));
	for (const page of pages.slice(0, 40)) {
		const html = await readFile(path.join(site, page), 'utf8');
		const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
		assert.equal(meta?.[1].replace(/&#39;/g, "'"), cspMeta, `${page} carries the shared policy`);
	}
	assert.ok(cspHeader.startsWith(cspMeta));
});
