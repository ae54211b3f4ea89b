/*
 * The site's model of a snapshot: occupations in Swedish order with their slugs, neighbours,
 * letters and areas, the index's see-entries, and the local images. Pure, so it is tested
 * without Astro; `site.ts` feeds it the content collection.
 */

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareSv, initialLetter, sortSv } from './collate.ts';
import type { OccupationEntry } from './schema.ts';
import { assignSlugs, slugify } from './slug.ts';
import type { SnapshotManifest } from './snapshot.ts';
import { hasText, safeUrl } from './text.ts';

export interface LocalImage {
	/** The image file inside the snapshot. */
	file: string;
	/** Its path in the built site, such as `bilder/ab12.png`. */
	output: string;
	alt: string;
}

export interface SiteOccupation {
	entry: OccupationEntry;
	slug: string;
	/** Site-relative path, such as `yrken/forskollarare/`. */
	path: string;
	letter: string;
	areas: SiteArea[];
	image: LocalImage | null;
	previous: SiteOccupation | null;
	next: SiteOccupation | null;
}

export interface SiteArea {
	name: string;
	slug: string;
	path: string;
	occupations: SiteOccupation[];
}

/** An entry of the A–Ö index: an occupation, or a synonym that points at occupations. */
export type IndexEntry =
	| { kind: 'occupation'; name: string; occupation: SiteOccupation }
	| { kind: 'see'; name: string; targets: SiteOccupation[] };

export interface IndexGroup {
	letter: string;
	entries: IndexEntry[];
}

export interface SiteModel {
	occupations: SiteOccupation[];
	byId: Map<number, SiteOccupation>;
	areas: SiteArea[];
	images: LocalImage[];
	manifest: SnapshotManifest;
	sample: boolean;
}

/** Returns the snapshot file an image link maps to through the manifest, or null. */
export function resolveImageFile(
	link: string | null | undefined,
	manifest: SnapshotManifest,
	snapshotDir: string
): string | null {
	if (!link || !manifest.images) return null;
	const relative = manifest.images[link] ?? manifest.images[link.trim()];
	if (typeof relative !== 'string' || relative.length === 0) return null;
	const root = path.resolve(snapshotDir);
	const file = path.resolve(root, relative);
	// A manifest must not point outside its snapshot.
	if (!file.startsWith(root + path.sep)) return null;
	return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Returns the image an occupation page shows: the primary picture, else the list's picture. */
function pickImage(entry: OccupationEntry): { link: string; alt: string } | null {
	const pictures = (entry.bilder ?? []).filter((picture) => hasText(picture.lank));
	const primary = pictures.find((picture) => picture.primar) ?? pictures[0];
	if (primary) {
		return { link: primary.lank, alt: primary.sammanfattning ?? entry.bildsammanfattning ?? '' };
	}
	if (hasText(entry.bildlank)) return { link: entry.bildlank, alt: entry.bildsammanfattning ?? '' };
	return null;
}

/** Returns the site model of a snapshot's occupations. */
export function buildSiteModel(
	entries: readonly OccupationEntry[],
	manifest: SnapshotManifest,
	snapshotDir: string
): SiteModel {
	const slugs = assignSlugs(entries);
	const images = new Map<string, LocalImage>();
	const outputs = new Set<string>();

	const occupations: SiteOccupation[] = sortSv(entries, (entry) => entry.namn).map((entry) => {
		const slug = slugs.get(entry.id) ?? String(entry.id);
		let image: LocalImage | null = null;
		const picked = pickImage(entry);
		const file = picked && resolveImageFile(picked.link, manifest, snapshotDir);
		if (picked && file) {
			let local = images.get(file);
			if (!local) {
				const ext = path.extname(file).toLowerCase();
				const stem = slugify(path.basename(file, ext)) || 'bild';
				let output = `bilder/${stem}${ext}`;
				for (let n = 2; outputs.has(output); n++) output = `bilder/${stem}-${n}${ext}`;
				outputs.add(output);
				local = { file, output, alt: picked.alt };
				images.set(file, local);
			}
			image = { ...local, alt: picked.alt.trim() };
		}
		return {
			entry,
			slug,
			path: `yrken/${slug}/`,
			letter: initialLetter(entry.namn),
			areas: [],
			image,
			previous: null,
			next: null,
		};
	});
	// Equal names would otherwise keep their input order; the id makes the order the data's own.
	occupations.sort((a, b) => compareSv(a.entry.namn, b.entry.namn) || a.entry.id - b.entry.id);
	occupations.forEach((occupation, index) => {
		occupation.previous = occupations[index - 1] ?? null;
		occupation.next = occupations[index + 1] ?? null;
	});

	const areaNames = [
		...new Set(occupations.flatMap((occupation) => occupation.entry.yrkesomraden ?? [])),
	].filter(hasText);
	const areaSlugs = assignSlugs(areaNames.map((name, index) => ({ id: index + 1, namn: name })), 'omrade');
	const areas = sortSv(
		areaNames.map((name, index) => {
			const slug = areaSlugs.get(index + 1) ?? String(index + 1);
			return { name, slug, path: `omraden/${slug}/`, occupations: [] as SiteOccupation[] };
		}),
		(area) => area.name
	);
	const areaByName = new Map(areas.map((area) => [area.name, area]));
	for (const occupation of occupations) {
		for (const name of new Set(occupation.entry.yrkesomraden ?? [])) {
			const area = areaByName.get(name);
			if (!area) continue;
			area.occupations.push(occupation);
			occupation.areas.push(area);
		}
	}

	return {
		occupations,
		byId: new Map(occupations.map((occupation) => [occupation.entry.id, occupation])),
		areas,
		images: [...images.values()],
		manifest,
		sample: manifest.sample === true,
	};
}

/**
 * Returns the A–Ö index: occupations and synonyms (as see-entries) grouped by letter in Swedish
 * order. A synonym that is also an occupation's name is left out; one that several occupations
 * share points at all of them.
 */
export function indexGroups(occupations: readonly SiteOccupation[]): IndexGroup[] {
	const names = new Set(occupations.map((occupation) => occupation.entry.namn.toLocaleLowerCase('sv')));
	const see = new Map<string, { name: string; targets: SiteOccupation[] }>();
	for (const occupation of occupations) {
		for (const raw of occupation.entry.yrkessynonymer ?? []) {
			const name = raw.trim();
			const key = name.toLocaleLowerCase('sv');
			if (!name || names.has(key)) continue;
			const item = see.get(key) ?? { name, targets: [] };
			if (!item.targets.includes(occupation)) item.targets.push(occupation);
			see.set(key, item);
		}
	}

	const entries: IndexEntry[] = [
		...occupations.map((occupation) => ({
			kind: 'occupation' as const,
			name: occupation.entry.namn,
			occupation,
		})),
		...[...see.values()].map((item) => ({ kind: 'see' as const, ...item })),
	];
	entries.sort((a, b) => compareSv(a.name, b.name));

	const groups: IndexGroup[] = [];
	for (const entry of entries) {
		const letter = initialLetter(entry.name);
		let group = groups.find((candidate) => candidate.letter === letter);
		if (!group) {
			group = { letter, entries: [] };
			groups.push(group);
		}
		group.entries.push(entry);
	}
	return groups;
}

/** Returns a line for every link of a record that is not http or https, naming its field. */
export function unsafeLinks(entry: OccupationEntry): string[] {
	const problems: string[] = [];
	(entry.lankar ?? []).forEach((link, index) => {
		if (!safeUrl(link.url)) {
			problems.push(`lankar[${index}].url ${JSON.stringify(link.url.slice(0, 80))} is not http(s)`);
		}
	});
	return problems;
}
