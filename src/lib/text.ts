/*
 * Text from the API is only ever text: these helpers split it into paragraphs and vet its links,
 * and the templates insert the results as text nodes, never as HTML.
 */

/** Returns the non-empty paragraphs of a text, split on blank lines, each trimmed. */
export function paragraphs(text: string | null | undefined): string[] {
	if (!text) return [];
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n[\t ]*\n/)
		.map((part) => part.replace(/[\t ]+\n/g, '\n').trim())
		.filter((part) => part.length > 0);
}

/**
 * Returns a section's text without a first paragraph that only repeats the section's heading,
 * which some records carry over from the page they were cut out of.
 */
export function withoutHeading(text: string | null | undefined, heading: string): string | null {
	if (!text) return null;
	const [first, ...rest] = paragraphs(text);
	const bare = (value: string) => value.replace(/[:.\s]+$/, '').toLocaleLowerCase('sv');
	if (first !== undefined && bare(first) === bare(heading)) return rest.join('\n\n');
	return text;
}

/** Returns true when a text has something besides whitespace. */
export function hasText(text: string | null | undefined): text is string {
	return typeof text === 'string' && text.trim().length > 0;
}

/** Returns the link as a normalised absolute URL when it is http or https, otherwise null. */
export function safeUrl(link: string | null | undefined): string | null {
	if (!link) return null;
	let url: URL;
	try {
		url = new URL(link.trim());
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	// Credentials in a link are never wanted on a public page.
	if (url.username || url.password) return null;
	return url.href;
}

/** Returns the text cut at a word boundary to at most `max` characters, with an ellipsis. */
export function truncate(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
