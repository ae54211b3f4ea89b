/*
 * Every internal link goes through `href()`, so the site works at the root, under any
 * `YRKESINFO_BASE_PATH`, and (after the archive rewrites folder links to files) from disk.
 */

const base = import.meta.env.BASE_URL.endsWith('/')
	? import.meta.env.BASE_URL
	: `${import.meta.env.BASE_URL}/`;

/** Returns a site-relative path (such as `yrken/frisor/`) prefixed with the configured base. */
export function href(path = ''): string {
	return base + path.replace(/^\/+/, '');
}
