// The whole snapshot as one JSON download.
import type { APIRoute } from 'astro';
import { snapshotJson } from '../../lib/opendata.ts';
import { getSite } from '../../lib/site.ts';

/** Returns every occupation record in full, with where and when the snapshot was fetched. */
export const GET: APIRoute = async () => {
	const site = await getSite();
	const body = snapshotJson(
		site.occupations.map((occupation) => occupation.entry),
		site.manifest
	);
	return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
