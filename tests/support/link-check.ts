import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface BrokenLink {
	/** The page that holds the link, relative to the built folder, such as `yrken/frisor/index.html`. */
	page: string;
	/** The link as written in the page. */
	href: string;
	/** Why it does not resolve. */
	reason: string;
}

const attribute = /\s(href|src|action)="([^"]*)"/g;
const idAttribute = /\s(?:id|name)="([^"]*)"/g;

/** Returns an attribute value with the entities Astro writes decoded. */
function decodeEntities(value: string): string {
	return value
		.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
		.replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/** Returns every file below `dir`, as paths relative to it with `/` separators. */
async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/**
 * Returns the links in a built site's HTML pages that do not resolve: internal `href`, `src` and
 * `action` values whose file is missing, that leave the base path, that point at a folder
 * without its trailing slash, or whose `#fragment` names no element of the target page. A folder
 * link (`yrken/frisor/`) resolves to its `index.html`, a file link (`yrken/frisor/index.html`,
 * as in an archive opened from disk) to that file. Links to other origins are not followed.
 */
export async function checkLinks(root: string, base = '/'): Promise<BrokenLink[]> {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	const origin = 'http://link-check.invalid';
	const broken: BrokenLink[] = [];
	const ids = new Map<string, Set<string>>();
	const pages = (await listFiles(root)).filter((file) => file.endsWith('.html'));
	const html = new Map<string, string>();
	for (const page of pages) html.set(page, await readFile(path.join(root, page), 'utf8'));

	const idsOf = async (file: string): Promise<Set<string>> => {
		let found = ids.get(file);
		if (!found) {
			const text = html.get(file) ?? (await readFile(path.join(root, file), 'utf8'));
			found = new Set([...text.matchAll(idAttribute)].map((match) => decodeEntities(match[1])));
			ids.set(file, found);
		}
		return found;
	};

	for (const page of pages) {
		const pageUrl = new URL(prefix + page, origin);
		for (const match of (html.get(page) ?? '').matchAll(attribute)) {
			const raw = decodeEntities(match[2]);
			const report = (reason: string) => broken.push({ page, href: raw, reason });
			if (raw === '' || raw === '#') continue;
			if (/^(mailto|tel|data|blob):/i.test(raw)) continue;

			let url: URL;
			try {
				url = new URL(raw, pageUrl);
			} catch {
				report('not a valid URL');
				continue;
			}
			if (url.origin !== origin) continue;
			// The file system is the truth here, so a page linking into its own base is checked only
			// below the base; anything else would not exist on the host.
			if (!url.pathname.startsWith(prefix)) {
				report(`outside the base path ${prefix}`);
				continue;
			}

			let relative: string;
			try {
				relative = decodeURIComponent(url.pathname.slice(prefix.length));
			} catch {
				report('badly encoded path');
				continue;
			}
			const file = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
			const full = path.join(root, file);
			if (!full.startsWith(path.resolve(root))) {
				report('outside the built folder');
				continue;
			}
			if (!existsSync(full)) {
				report(`no file ${file}`);
				continue;
			}
			if (statSync(full).isDirectory()) {
				report('a folder link without its trailing slash');
				continue;
			}

			const fragment = url.hash.slice(1);
			if (fragment && file.endsWith('.html')) {
				let id: string;
				try {
					id = decodeURIComponent(fragment);
				} catch {
					id = fragment;
				}
				if (!(await idsOf(file)).has(id)) report(`no element with id "${id}" in ${file}`);
			}
		}
	}
	return broken;
}
