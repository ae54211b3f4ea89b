// One CSV row per occupation, for spreadsheets.
import type { APIRoute } from 'astro';
import { occupationsCsv } from '../../lib/opendata.ts';
import { href } from '../../lib/paths.ts';
import { getSite } from '../../lib/site.ts';

/** Returns the occupations as CSV, with page addresses absolute when the site URL is known. */
export const GET: APIRoute = async ({ site: siteUrl }) => {
	const site = await getSite();
	const rows = [...site.occupations]
		.sort((a, b) => a.entry.id - b.entry.id)
		.map((occupation) => ({
			entry: occupation.entry,
			url: siteUrl ? new URL(href(occupation.path), siteUrl).href : href(occupation.path),
		}));
	return new Response(occupationsCsv(rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
