/*
 * A small scanner for the HTML that Astro writes: it finds every URL an element carries, in
 * attributes and in `<style>` blocks, and lets a caller replace them. It is not a general HTML
 * parser; it relies on the well-formed, quoted output of a build and leaves everything it does
 * not rewrite byte for byte as it was.
 */

/** How a URL is used, which decides what the archive may do with it. */
export type UrlUse = 'navigate' | 'load' | 'submit' | 'describe';

export interface FoundUrl {
	/** The element's tag name, in lower case. */
	tag: string;
	/** The attribute the URL sits in (`href`, `src`, `srcset`, …), or `style` for CSS. */
	attribute: string;
	/** The URL with HTML entities decoded. */
	url: string;
	use: UrlUse;
}

export interface HtmlRewriter {
	/** Returns the URL to write instead of `found.url`, or undefined to keep it. */
	url(found: FoundUrl): string | undefined;
	/** Returns HTML to insert just before the closing tag of a link that `url()` saw as `navigate`. */
	linkSuffix?(found: FoundUrl): string | undefined;
	/** Returns the rewritten text of a `<style>` block or `style` attribute. */
	css?(css: string): string;
}

const tokenPattern = new RegExp(
	[
		'<!--[\\s\\S]*?-->',
		// Raw text elements: their content is never markup.
		'<(script|style|textarea|title)\\b((?:"[^"]*"|\'[^\']*\'|[^>"\'])*)>([\\s\\S]*?)</\\1\\s*>',
		'<([a-zA-Z][\\w:-]*)((?:"[^"]*"|\'[^\']*\'|[^>"\'])*)>',
		'</([a-zA-Z][\\w:-]*)\\s*>',
	].join('|'),
	'g'
);

const attributePattern = /([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Link relations that name a document without the browser fetching it. */
const describingRels = new Set([
	'alternate',
	'author',
	'bookmark',
	'canonical',
	'external',
	'help',
	'license',
	'me',
	'next',
	'prev',
	'search',
	'sitemap',
]);

const urlAttributes: Record<string, UrlUse> = {
	src: 'load',
	srcset: 'load',
	poster: 'load',
	data: 'load',
	'component-url': 'load',
	'renderer-url': 'load',
	'before-hydration-url': 'load',
	action: 'submit',
	formaction: 'submit',
};

/** Returns an attribute value with the entities a build writes into attributes decoded. */
export function decodeAttribute(value: string): string {
	return value.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (entity, name: string) => {
		const lower = name.toLowerCase();
		if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
		if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
		return { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }[lower] ?? entity;
	});
}

/** Returns a value escaped for a double-quoted attribute. */
export function encodeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Returns the use of `attribute` on `tag`, or undefined when it holds no URL. */
function useOf(
	tag: string,
	attribute: string,
	attributes: Map<string, string>
): UrlUse | undefined {
	if (attribute === 'href' || attribute === 'xlink:href') {
		if (tag === 'a' || tag === 'area') return 'navigate';
		if (tag === 'link') {
			const rels = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
			return rels.length > 0 && rels.every((rel) => describingRels.has(rel)) ? 'describe' : 'load';
		}
		if (tag === 'base') return 'describe';
		return 'load';
	}
	if (attribute === 'data' && tag !== 'object') return undefined;
	if (attribute === 'content' && tag === 'meta') {
		return /^refresh$/i.test(attributes.get('http-equiv') ?? '') ? 'navigate' : undefined;
	}
	return urlAttributes[attribute];
}

/** Returns the candidates of a `srcset` value as URL and descriptor pairs. */
function splitSrcset(value: string): { url: string; descriptor: string }[] {
	return value
		.split(/,(?=\s*\S)/)
		.map((candidate) => candidate.trim())
		.filter(Boolean)
		.map((candidate) => {
			const [url, ...rest] = candidate.split(/\s+/);
			return { url, descriptor: rest.join(' ') };
		});
}

/** Returns an attribute list with its URLs replaced, and what the tag's link turned out to be. */
function rewriteAttributes(
	tag: string,
	source: string,
	rewriter: HtmlRewriter
): { text: string; link?: FoundUrl } {
	const attributes = new Map<string, string>();
	for (const match of source.matchAll(attributePattern)) {
		attributes.set(match[1].toLowerCase(), decodeAttribute(match[3] ?? match[4] ?? match[5] ?? ''));
	}

	let link: FoundUrl | undefined;
	const text = source.replace(
		attributePattern,
		(whole, rawName: string, equals?: string, double?: string, single?: string, bare?: string) => {
			const raw = double ?? single ?? bare;
			if (equals === undefined || raw === undefined) return whole;
			const name = rawName.toLowerCase();
			const value = decodeAttribute(raw);

			if (name === 'style' && rewriter.css) {
				const css = rewriter.css(value);
				return css === value ? whole : `${rawName}${equals}"${encodeAttribute(css)}"`;
			}

			const use = useOf(tag, name, attributes);
			if (!use) return whole;

			let next: string | undefined;
			if (name === 'srcset') {
				const candidates = splitSrcset(value);
				const rewritten = candidates.map((candidate) => ({
					...candidate,
					url: rewriter.url({ tag, attribute: name, url: candidate.url, use }) ?? candidate.url,
				}));
				if (rewritten.some((candidate, i) => candidate.url !== candidates[i].url)) {
					next = rewritten
						.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url))
						.join(', ');
				}
			} else if (name === 'content') {
				// A refresh looks like `0;url=/target/`: only the part after `url=` is a URL.
				const refresh = /^(\s*\d+\s*[;,]\s*url\s*=\s*)(['"]?)(.*?)\2\s*$/i.exec(value);
				if (refresh) {
					const target = rewriter.url({ tag, attribute: name, url: refresh[3], use });
					if (target !== undefined) next = `${refresh[1]}${target}`;
				}
			} else {
				const found: FoundUrl = { tag, attribute: name, url: value, use };
				if (use === 'navigate' && tag !== 'meta') link = found;
				next = rewriter.url(found);
			}
			return next === undefined || next === value
				? whole
				: `${rawName}${equals}"${encodeAttribute(next)}"`;
		}
	);
	return { text, link };
}

/** Returns `html` with every URL passed through `rewriter`, and link suffixes inserted. */
export function rewriteHtml(html: string, rewriter: HtmlRewriter): string {
	let openLink: FoundUrl | undefined;

	return html.replace(
		tokenPattern,
		(
			whole: string,
			rawTag?: string,
			rawAttributes?: string,
			rawContent?: string,
			tagName?: string,
			tagAttributes?: string,
			closingName?: string
		) => {
			if (rawTag !== undefined) {
				const tag = rawTag.toLowerCase();
				const { text } = rewriteAttributes(tag, rawAttributes ?? '', rewriter);
				const content =
					tag === 'style' && rewriter.css ? rewriter.css(rawContent ?? '') : rawContent;
				return `<${rawTag}${text}>${content}</${rawTag}>`;
			}
			if (tagName !== undefined) {
				const tag = tagName.toLowerCase();
				const { text, link } = rewriteAttributes(tag, tagAttributes ?? '', rewriter);
				if (tag === 'a' && link) openLink = link;
				return `<${tagName}${text}>`;
			}
			if (closingName !== undefined && closingName.toLowerCase() === 'a' && openLink) {
				const suffix = rewriter.linkSuffix?.(openLink) ?? '';
				openLink = undefined;
				return suffix + whole;
			}
			return whole;
		}
	);
}

/** Returns every URL in `html`, with its element, attribute and use. */
export function findUrls(html: string): FoundUrl[] {
	const found: FoundUrl[] = [];
	rewriteHtml(html, {
		url: (url) => {
			found.push(url);
			return undefined;
		},
	});
	return found;
}
