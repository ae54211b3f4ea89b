/*
 * Structured data for search engines: one schema.org/Occupation per occupation page, serialised
 * so that no string from the data can close the script element it sits in.
 */

import type { OccupationEntry } from './schema.ts';
import { hasText, paragraphs, truncate } from './text.ts';

/** Long texts are cut here: the page itself carries them in full, and every byte is sent twice. */
const longest = 400;

/** Returns a schema.org/Occupation object for an occupation, with `url` when the site has one. */
export function occupationJsonLd(entry: OccupationEntry, url?: string): Record<string, unknown> {
	const groups = (entry.yrkesgrupperOchBenamningar ?? []).filter((group) => hasText(group.ssyk));
	const skills = (entry.formagor?.detaljer ?? []).map((item) => item.kategori).filter(hasText);
	const education = [
		...paragraphs(entry.utbildningar?.beskrivning),
		...(entry.utbildningar?.detaljer ?? []).map((item) => item.kategori),
		...paragraphs(entry.utbildningsvag?.beskrivning),
		...(entry.utbildningsvag?.utbildningsvagkategorier ?? []).map((item) => item.kategori),
	].filter(hasText);
	const description = entry.sammanfattning || entry.kortSammanfattning || entry.oneliner;

	const data: Record<string, unknown> = {
		'@context': 'https://schema.org',
		'@type': 'Occupation',
		name: entry.namn,
		inLanguage: 'sv',
	};
	if (entry.yrkessynonymer?.length) data.alternateName = entry.yrkessynonymer;
	if (hasText(description)) data.description = truncate(paragraphs(description).join(' '), longest);
	if (groups.length > 0) {
		data.occupationalCategory = groups.map((group) => ({
			'@type': 'CategoryCode',
			codeValue: group.ssyk,
			name: group.namn,
			inCodeSet: { '@type': 'CategoryCodeSet', name: 'SSYK 2012' },
		}));
	}
	if (hasText(entry.arbetsuppgifter)) {
		data.responsibilities = truncate(paragraphs(entry.arbetsuppgifter).join(' '), longest);
	}
	if (skills.length > 0) data.skills = skills.join(', ');
	if (education.length > 0) data.educationRequirements = truncate(education.join(' '), longest);
	if (url) data.url = url;
	return data;
}

/** Returns JSON for a `<script type="application/ld+json">`, with markup characters escaped. */
export function serializeJsonLd(data: unknown): string {
	return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => {
		return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
	});
}
