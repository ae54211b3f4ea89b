/*
 * The API takes its keys as query parameters, so a request URL carries the secret. Everything the
 * fetch prints or writes passes through a masker first, and URLs are shown without their keys.
 */

const mask = '***';

/** Returns a function that replaces every occurrence of the given secrets in a text with `***`. */
export function secretMasker(secrets: Array<string | undefined>): (text: string) => string {
	// Very short values would mask ordinary words; the API's secrets are long random strings.
	const values = secrets.filter((value): value is string => !!value && value.length >= 4);
	const encoded = values.flatMap((value) => [value, encodeURIComponent(value)]);
	const unique = [...new Set(encoded)].sort((a, b) => b.length - a.length);
	return (text) => unique.reduce((result, value) => result.split(value).join(mask), text);
}

/** Returns a URL as text with the `client_secret` query parameter's value replaced by `***`. */
export function maskUrl(url: string | URL): string {
	const parsed = new URL(url);
	if (parsed.searchParams.has('client_secret')) parsed.searchParams.set('client_secret', mask);
	return parsed.toString().replaceAll(encodeURIComponent(mask), mask);
}

/** Returns an error's message and its causes' messages as one line, with secrets masked. */
export function describeError(error: unknown, maskText: (text: string) => string): string {
	const parts: string[] = [];
	let current: unknown = error;
	// Causes can nest (undici wraps socket errors); a depth limit guards against cycles.
	for (let depth = 0; current != null && depth < 5; depth++) {
		const code = current instanceof Error ? (current as { code?: unknown }).code : undefined;
		const text = current instanceof Error ? current.message : String(current);
		const message = typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
		if (message && !parts.includes(message)) parts.push(message);
		current = current instanceof Error ? current.cause : undefined;
	}
	return maskText(parts.join(': '));
}
