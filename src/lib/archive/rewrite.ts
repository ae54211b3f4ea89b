/*
 * Rewrites a built site so that it works from `file:`: every internal URL becomes relative to
 * the file that holds it and names a file (a folder URL gets its `index.html`), because a browser
 * opening a folder from disk shows a listing instead of the page.
 */
import path from 'node:path';
import { rewriteHtml, type FoundUrl } from './html.ts';

/** A made-up origin to resolve site URLs against; it never leaves this module. */
const siteOrigin = 'http://site.invalid';

/** The visible, read-aloud note added to every link that leaves the archive. */
export const externalLinkNote = ' (utanför arkivet)';

/** The class on that note, so the site's style sheet can style it. */
export const externalLinkClass = 'utanfor-arkivet';

export interface RewriteContext {
	/** Every file of the site, as `/`-separated paths relative to its root. */
	files: ReadonlySet<string>;
	/** The base path the site was built for, such as `/` or `/yrken-ao/`. */
	base: string;
}

export interface RewriteReport {
	/** Internal URLs that name no file of the site, as `file: url`. */
	unresolved: string[];
	/** Remote URLs that a page or style sheet would load (not just link to), as `file: url`. */
	remoteLoads: string[];
	/** How many links were marked as leading outside the archive. */
	externalLinks: number;
}

/** Returns an empty report to collect into. */
export function emptyReport(): RewriteReport {
	return { unresolved: [], remoteLoads: [], externalLinks: 0 };
}

/** Returns true when `url` has a scheme or starts with `//`, so it points away from the site. */
function isAbsolute(url: string): boolean {
	return /^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//');
}

/** Returns true for URLs that never touch the network or the file system (`data:`, `#x`, …). */
function isInert(url: string): boolean {
	return (
		url === '' ||
		url.startsWith('#') ||
		/^(data|blob|about|javascript|mailto|tel|sms):/i.test(url.trim())
	);
}

/** Returns a `/`-separated path with each segment percent-encoded for use in a URL. */
function encodePath(relative: string): string {
	return relative
		.split('/')
		.map((segment) => encodeURIComponent(segment).replace(/%40/g, '@').replace(/%2B/gi, '+'))
		.join('/');
}

/**
 * Returns the site file a URL names (relative to the site root), or undefined when it leaves the
 * site. `from` is the file that holds the URL, such as `yrken/frisor/index.html`.
 */
export function resolveSiteFile(
	url: string,
	from: string,
	context: RewriteContext
): { file: string; exists: boolean; search: string; hash: string } | undefined {
	const pageUrl = new URL(context.base + encodePath(from), siteOrigin);
	let target: URL;
	try {
		target = new URL(url, pageUrl);
	} catch {
		return undefined;
	}
	if (target.origin !== siteOrigin) return undefined;

	const pathname = decodeURIComponent(target.pathname);
	const base = context.base.endsWith('/') ? context.base : `${context.base}/`;
	if (!`${pathname}/`.startsWith(base)) return undefined;
	const inSite = pathname.slice(base.length);

	const candidates =
		inSite === '' || inSite.endsWith('/')
			? [`${inSite}index.html`]
			: [inSite, `${inSite}/index.html`, `${inSite}.html`];
	const found = candidates.find((candidate) => context.files.has(candidate));
	return {
		file: found ?? candidates[0],
		exists: found !== undefined,
		search: target.search,
		hash: target.hash,
	};
}

/** Returns `url` made relative to `from` and pointing at a file, or undefined to leave it. */
function relativeUrl(
	url: string,
	from: string,
	context: RewriteContext,
	report: RewriteReport
): string | undefined {
	const resolved = resolveSiteFile(url, from, context);
	if (!resolved) return undefined;
	if (!resolved.exists) report.unresolved.push(`${from}: ${url}`);

	let relative = path.posix.relative(path.posix.dirname(from), resolved.file);
	// A link to the page itself keeps a file name, so it never becomes an empty (folder) URL.
	if (relative === '') relative = path.posix.basename(resolved.file);
	return encodePath(relative) + resolved.search + resolved.hash;
}

/** Returns CSS with its `url()` and `@import` references made relative to `from`. */
export function rewriteCss(
	css: string,
	from: string,
	context: RewriteContext,
	report: RewriteReport
): string {
	const rewrite = (url: string): string | undefined => {
		if (isInert(url)) return undefined;
		if (isAbsolute(url) && resolveSiteFile(url, from, context) === undefined) {
			report.remoteLoads.push(`${from}: ${url}`);
			return undefined;
		}
		return relativeUrl(url, from, context, report);
	};
	return css
		.replace(/url\(\s*(["']?)([^"')]*)\1\s*\)/g, (whole, quote: string, url: string) => {
			const next = rewrite(url.trim());
			return next === undefined ? whole : `url(${quote}${next}${quote})`;
		})
		.replace(/@import\s+(["'])([^"']*)\1/g, (whole, quote: string, url: string) => {
			const next = rewrite(url);
			return next === undefined ? whole : `@import ${quote}${next}${quote}`;
		});
}

/** Returns the HTML of the page at `from`, rewritten for the archive. */
export function rewritePage(
	html: string,
	from: string,
	context: RewriteContext,
	report: RewriteReport
): string {
	const isExternal = (found: FoundUrl) =>
		!isInert(found.url) && isAbsolute(found.url) && !resolveSiteFile(found.url, from, context);

	return rewriteHtml(html, {
		url: (found) => {
			if (isInert(found.url)) return undefined;
			if (isExternal(found)) {
				if (found.use === 'load') report.remoteLoads.push(`${from}: ${found.url}`);
				return undefined;
			}
			// Metadata such as a canonical link keeps its hosted URL.
			if (found.use === 'describe' && isAbsolute(found.url)) return undefined;
			return relativeUrl(found.url, from, context, report);
		},
		linkSuffix: (found) => {
			if (!/^(https?:)?\/\//i.test(found.url) || !isExternal(found)) return undefined;
			report.externalLinks++;
			return `<span class="${externalLinkClass}">${externalLinkNote}</span>`;
		},
		css: (css) => rewriteCss(css, from, context, report),
	});
}
