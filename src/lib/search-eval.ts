/*
 * The cases that search is measured against, chosen from a snapshot by rule so that the tests
 * and the benchmark judge any corpus the same way and no case is picked by hand.
 */

import path from 'node:path';
import type { CompoundSplitter } from './compounds.ts';
import { occupationListSchema, type OccupationEntry, type OccupationSummary } from './schema.ts';
import { occupationFile, readJson } from './snapshot.ts';
import { fold, foldedWords } from './search-text.ts';

/** Returns a name with its spaces collapsed, as a page (and Pagefind) shows it. */
export function displayName(name: string): string {
	return name.replace(/\s+/g, ' ').trim();
}

/** A synonym and the one occupation it belongs to. */
export interface SynonymCase {
	synonym: string;
	owner: string;
}

/**
 * Returns the synonyms that belong to exactly one occupation and are no occupation's name, in
 * Swedish alphabetical order.
 */
export function uniqueSynonyms(list: OccupationSummary[]): SynonymCase[] {
	const owners = new Map<string, Set<string>>();
	const display = new Map<string, string>();
	for (const occupation of list) {
		for (const raw of occupation.yrkessynonymer ?? []) {
			const synonym = raw.trim();
			const key = fold(synonym);
			if (!synonym || foldedWords(synonym).length === 0) continue;
			if (!owners.has(key)) owners.set(key, new Set());
			owners.get(key)!.add(displayName(occupation.namn));
			display.set(key, synonym);
		}
	}
	const names = new Set(list.map((occupation) => fold(displayName(occupation.namn))));
	return [...owners]
		.filter(([key, owner]) => owner.size === 1 && !names.has(key))
		.map(([key, owner]) => ({ synonym: display.get(key)!, owner: [...owner][0] }))
		.sort((a, b) => a.synonym.localeCompare(b.synonym, 'sv'));
}

/** Returns `count` items spread evenly over `items` (all of them when there are fewer). */
export function spread<T>(items: T[], count: number): T[] {
	if (items.length <= count) return items;
	return Array.from({ length: count }, (_, index) => items[Math.floor((index * items.length) / count)]);
}

/** The inflected queries the search must understand, with the word they inflect. */
export const inflectionCases = [
	{ query: 'sjuksköterskor', word: 'sjuksköterska' },
	{ query: 'kockar', word: 'kock' },
	{ query: 'poliser', word: 'polis' },
] as const;

/** Returns the names of the occupations whose name has `word` as one of its words. */
export function namesWithWord(list: OccupationSummary[], word: string): string[] {
	const wanted = fold(word);
	return list
		.map((occupation) => displayName(occupation.namn))
		.filter((name) => foldedWords(name).includes(wanted));
}

/** Returns `text` with å, ä and ö written as a, a and o, as on a keyboard without them. */
export function withoutSwedishLetters(text: string): string {
	return text.replace(/[åä]/g, 'a').replace(/[ÅÄ]/g, 'A').replace(/ö/g, 'o').replace(/Ö/g, 'O');
}

/**
 * Returns each compound part that occurs in at least `min` names (as a part of one of their
 * words, by the splitter), with those names, the most common part first.
 */
export function partFamilies(
	list: OccupationSummary[],
	splitter: CompoundSplitter,
	min = 3
): { part: string; names: string[] }[] {
	const families = new Map<string, Set<string>>();
	for (const occupation of list) {
		const name = displayName(occupation.namn);
		for (const part of splitter.splitPhrase(name)) {
			if (!families.has(part)) families.set(part, new Set());
			families.get(part)!.add(name);
		}
	}
	return [...families]
		.filter(([, names]) => names.size >= min)
		.map(([part, names]) => ({ part, names: [...names].sort((a, b) => a.localeCompare(b, 'sv')) }))
		.sort((a, b) => b.names.length - a.names.length || a.part.localeCompare(b.part, 'sv'));
}

/** Returns a snapshot's list and its full records (detail merged with list entry), for judging. */
export async function readSnapshotForEval(
	dir: string
): Promise<{ list: OccupationSummary[]; entries: OccupationEntry[] }> {
	const list = occupationListSchema.parse(await readJson(path.join(dir, 'yrken.json')));
	const entries: OccupationEntry[] = [];
	for (const summary of list) {
		const detail = (await readJson(occupationFile(dir, summary.id))) as Record<string, unknown>;
		entries.push({ ...summary, ...detail } as OccupationEntry);
	}
	return { list, entries };
}
