// Copies each occupation image the snapshot holds into the build, so pages never load an image
// from another site.
import { readFile } from 'node:fs/promises';
import type { APIRoute } from 'astro';
import { getSite } from '../../lib/site.ts';

/** Returns one route per local image. */
export async function getStaticPaths() {
	const site = await getSite();
	return site.images.map((image) => ({
		params: { file: image.output.slice('bilder/'.length) },
		props: { file: image.file },
	}));
}

/** Returns the image file's bytes. */
export const GET: APIRoute = async ({ props }) => {
	return new Response(await readFile(props.file as string));
};
