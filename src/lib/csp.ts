/*
 * The Content-Security-Policy the pages ship in a <meta> tag and static hosts send as a header.
 * Pagefind compiles WebAssembly ('wasm-unsafe-eval') and may start a worker from a blob.
 */

const directives = [
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"worker-src 'self' blob:",
	"style-src 'self'",
	"img-src 'self' data:",
	"connect-src 'self'",
	"font-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
];

/** Returns the policy for a `<meta http-equiv="Content-Security-Policy">` tag. */
export const cspMeta = directives.join('; ');

/** Returns the policy for an HTTP header, which may also forbid framing (a meta tag cannot). */
export const cspHeader = [...directives, "frame-ancestors 'none'"].join('; ');
