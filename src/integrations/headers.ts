/*
 * Writes `_headers`, the file Netlify and Cloudflare Pages read for response headers: security
 * headers on every response, long immutable caching for content-hashed files, and caching that
 * always revalidates for pages and the search entry point.
 *
 * The two hosts treat a header set by two matching rules differently (Netlify keeps the last,
 * Cloudflare joins both with a comma), so the rules are laid out such that no path ever matches
 * two rules that set the same header: security headers only on `/*`, and `Cache-Control` only on
 * rules that do not overlap.
 */
import { readdir, writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { cspHeader } from '../lib/csp.ts';

/** For files whose names change with their content. */
export const immutableCaching = 'public, max-age=31536000, immutable';

/** For pages and entry points, whose content changes under the same name on each deploy. */
export const revalidateCaching = 'public, max-age=0, must-revalidate';

/** Headers every response gets; the policy is the one the pages carry in their meta tag. */
export const securityHeaders: Record<string, string> = {
	'Content-Security-Policy': cspHeader,
	'X-Content-Type-Options': 'nosniff',
	// The pages send no referrer on their links to other sites; the header says the same.
	'Referrer-Policy': 'no-referrer',
};

/** Pagefind's folders of content-hashed chunks. */
const pagefindHashedFolders = ['fragment', 'index', 'filter'];

/** Pagefind's entry points, whose names stay the same when the index changes. */
const pagefindEntryPoints = [
	'pagefind.js',
	'pagefind-entry.json',
	'pagefind-worker.js',
	'pagefind-ui.js',
	'pagefind-ui.css',
	'pagefind-modular-ui.js',
	'pagefind-modular-ui.css',
	'pagefind-highlight.js',
];

/** Cloudflare Pages reads at most this many rules. */
export const maxRules = 100;

export interface HeaderRule {
	/** A path pattern, such as `/_astro/*`. */
	path: string;
	headers: Record<string, string>;
}

export interface TopLevelEntry {
	name: string;
	isDirectory: boolean;
}

/**
 * Returns the rules for a site under `base` whose output folder holds these top-level entries.
 * Each folder other than the hashed ones gets one rule for all it holds, so a section of hundreds
 * of pages costs one rule, and each top-level file gets its own.
 */
export function headerRules(base: string, entries: readonly TopLevelEntry[]): HeaderRule[] {
	const root = base.endsWith('/') ? base : `${base}/`;
	const cache = (path: string, value: string): HeaderRule => ({
		path: root + path,
		headers: { 'Cache-Control': value },
	});
	const names = (directories: boolean) =>
		entries
			.filter((entry) => entry.isDirectory === directories && !entry.name.startsWith('.'))
			.map((entry) => entry.name)
			.filter((name) => name !== '_astro' && name !== 'pagefind' && name !== '_headers')
			.sort();

	return [
		{ path: `${root}*`, headers: securityHeaders },
		cache('_astro/*', immutableCaching),
		...pagefindHashedFolders.map((folder) => cache(`pagefind/${folder}/*`, immutableCaching)),
		...pagefindEntryPoints.map((file) => cache(`pagefind/${file}`, revalidateCaching)),
		// The home page is asked for as the folder URL, never as index.html.
		...names(false).map((file) => cache(file === 'index.html' ? '' : file, revalidateCaching)),
		...names(true).map((folder) => cache(`${folder}/*`, revalidateCaching)),
	];
}

/** Returns the text of a `_headers` file for these rules. */
export function formatHeaders(rules: readonly HeaderRule[]): string {
	const blocks = rules.map(
		(rule) =>
			`${rule.path}\n${Object.entries(rule.headers)
				.map(([name, value]) => `  ${name}: ${value}`)
				.join('\n')}`
	);
	return `${blocks.join('\n\n')}\n`;
}

/** Returns the integration that writes `_headers` into the build output. */
export default function headers(): AstroIntegration {
	let base = '/';
	return {
		name: 'yrkesinfo-headers',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base;
			},
			'astro:build:done': async ({ dir, logger }) => {
				const entries = await readdir(dir, { withFileTypes: true });
				const rules = headerRules(
					base,
					entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }))
				);
				if (rules.length > maxRules) {
					logger.warn(
						`_headers has ${rules.length} rules; Cloudflare Pages reads only ${maxRules}.`
					);
				}
				await writeFile(new URL('_headers', dir), formatHeaders(rules));
				logger.info(`Wrote _headers with ${rules.length} rules.`);
			},
		},
	};
}
