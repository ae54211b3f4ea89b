/*
 * Where a page finds the search field's scripts. Relative links let a built site run its search
 * from disk even before the archive rewrites its links; the 404 page, which a host serves at any
 * depth, keeps the absolute link.
 */

/**
 * Returns the link from the page at `pathname` to the site root: `./`, `../../` and so on, or
 * `base` itself for the 404 page.
 */
export function rootFrom(pathname: string, base: string): string {
	const normalizedBase = base.endsWith('/') ? base : `${base}/`;
	const inside = pathname.startsWith(normalizedBase)
		? pathname.slice(normalizedBase.length)
		: pathname.replace(/^\/+/, '');
	if (/^404(\/|\.html)?$/.test(inside)) return normalizedBase;
	// A folder page (`yrken/kock/`) sits one level below each of its segments; a file page
	// (`om.html`) sits beside its last one.
	const depth = inside.split('/').length - 1;
	return depth === 0 ? './' : '../'.repeat(depth);
}
