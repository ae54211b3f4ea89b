/*
 * The names of the Pagefind metadata and filters that occupation pages carry, shared by the page
 * component, the build integration and the browser, so the three never disagree.
 */

/** Separates the items of a list-valued metadata field (synonyms, areas). */
export const metaSeparator = ' · ';

/** Metadata fields and how much a match in each weighs against the page text. */
export const metaWeights = { title: 10, namndelar: 8, synonymer: 6, delar: 3 } as const;

/** The filter holding an occupation's areas. */
export const areaFilter = 'område';

/** The filter holding an occupation's education levels, when the data has them. */
export const educationFilter = 'utbildning';

/** Returns the items of a list-valued metadata field. */
export function splitMeta(value: string | undefined): string[] {
	return (value ?? '')
		.split(metaSeparator.trim())
		.map((item) => item.trim())
		.filter(Boolean);
}
