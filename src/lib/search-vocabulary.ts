/*
 * What the search index says about one occupation beyond its page text: the compound parts of
 * its name and synonyms (from a splitter learned from the whole corpus), its areas and its
 * education levels as filters.
 */

import { buildSplitter, type CompoundSplitter } from './compounds.ts';
import type { OccupationEntry } from './schema.ts';

let cached: { key: string; splitter: CompoundSplitter } | undefined;

/** Returns every string inside a record, so the splitter learns from all of its text. */
function strings(value: unknown, into: string[] = []): string[] {
	if (typeof value === 'string') into.push(value);
	else if (Array.isArray(value)) for (const item of value) strings(item, into);
	else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, into);
	return into;
}

/** Returns the names and synonyms of an occupation. */
export function titlesOf(entry: OccupationEntry): string[] {
	const synonyms = (entry.yrkessynonymer ?? []).map((name) => name.trim()).filter(Boolean);
	return [entry.namn.trim(), ...synonyms];
}

/**
 * Returns a compound splitter learned from these occupations (every text as vocabulary, names and
 * synonyms for heads), built once per set of occupations.
 */
export function splitterFor(entries: OccupationEntry[]): CompoundSplitter {
	const key = entries.map((entry) => entry.id).join(',');
	if (cached?.key === key) return cached.splitter;
	const splitter = buildSplitter(
		entries.map((entry) => strings(entry).join('\n')),
		entries.flatMap(titlesOf)
	);
	cached = { key, splitter };
	return splitter;
}

/** The compound parts of an occupation's titles, kept apart because a name weighs more. */
export interface CompoundParts {
	/** Parts of the name ("sjuk", "sköterska" for "Sjuksköterska"). */
	name: string[];
	/** Parts of the synonyms that the name's parts do not already give. */
	synonyms: string[];
}

/**
 * Returns the compound parts of an occupation's name and synonyms that are not already whole
 * words of them.
 */
export function compoundParts(entry: OccupationEntry, splitter: CompoundSplitter): CompoundParts {
	const [name, ...synonyms] = titlesOf(entry);
	const whole = new Set(
		[name, ...synonyms].flatMap((title) => title.toLocaleLowerCase('sv').split(/[^\p{L}]+/u))
	);
	const nameParts = splitter.splitPhrase(name).filter((part) => !whole.has(part));
	const synonymParts: string[] = [];
	for (const synonym of synonyms) {
		for (const part of splitter.splitPhrase(synonym)) {
			if (!whole.has(part) && !nameParts.includes(part) && !synonymParts.includes(part)) {
				synonymParts.push(part);
			}
		}
	}
	return { name: nameParts, synonyms: synonymParts };
}

/** Returns the education levels an occupation is flagged with, as the site names them. */
export function educationLevels(entry: OccupationEntry): string[] {
	return [
		entry.isEjGymnasie && 'Ingen gymnasieutbildning krävs',
		entry.isGymnasie && 'Gymnasieutbildning',
		entry.isEftergymn2less && 'Eftergymnasial utbildning kortare än två år',
		entry.isEftergymn2more && 'Eftergymnasial utbildning två år eller längre',
	].filter((level): level is string => typeof level === 'string');
}
