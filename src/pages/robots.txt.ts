// robots.txt: everything may be crawled; the sitemap is named when the site URL is known.
import type { APIRoute } from 'astro';
import { href } from '../lib/paths.ts';

/** Returns the robots.txt text. */
export const GET: APIRoute = ({ site }) => {
	const lines = ['User-agent: *', 'Allow: /'];
	if (site) lines.push('', `Sitemap: ${new URL(href('sitemap-index.xml'), site).href}`);
	return new Response(`${lines.join('\n')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
