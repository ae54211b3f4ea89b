/*
 * The one place pages get the snapshot from: the content collection plus the manifest, turned
 * into the site model once per build and shared by every page.
 */

import { getCollection } from 'astro:content';
import { buildSiteModel, indexGroups, type IndexGroup, type SiteModel } from './occupations.ts';
import { readManifest, resolveSnapshot } from './snapshot.ts';
import { formatDate } from './dates.ts';
import type { CompoundSplitter } from './compounds.ts';
import { splitterFor } from './search-vocabulary.ts';

let cached: Promise<SiteModel> | undefined;

/** Returns the site model of the snapshot this build reads. */
export function getSite(): Promise<SiteModel> {
	cached ??= (async () => {
		const { dir } = resolveSnapshot();
		const [entries, manifest] = await Promise.all([getCollection('occupations'), readManifest(dir)]);
		return buildSiteModel(
			entries.map((entry) => entry.data),
			manifest,
			dir
		);
	})();
	return cached;
}

let cachedGroups: Promise<IndexGroup[]> | undefined;

/** Returns the A–Ö index groups (occupations and see-entries by letter) of this build. */
export function getIndexGroups(): Promise<IndexGroup[]> {
	cachedGroups ??= getSite().then((site) => indexGroups(site.occupations));
	return cachedGroups;
}

let cachedSplitter: Promise<CompoundSplitter> | undefined;

/** Returns the compound splitter learned from this build's occupations, built once per build. */
export function getSplitter(): Promise<CompoundSplitter> {
	cachedSplitter ??= getSite().then((site) =>
		splitterFor(site.occupations.map((occupation) => occupation.entry))
	);
	return cachedSplitter;
}

/** The Swedish word pages show when the snapshot does not say something. */
export const unknown = 'okänt';

/** Returns the snapshot's fetch date in Swedish, or "okänt" when the manifest has none. */
export function fetchedLabel(site: SiteModel): string {
	return formatDate(site.manifest.fetchedAt) ?? unknown;
}

/** Returns where the snapshot was fetched from, or "okänt" when the manifest does not say. */
export function sourceLabel(site: SiteModel): string {
	const source = site.manifest.source;
	return typeof source === 'string' && source.trim() ? source.trim() : unknown;
}
