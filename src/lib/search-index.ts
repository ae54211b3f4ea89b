/*
 * The small local index: every occupation's name, synonyms, compound parts, areas and path.
 * The build writes it as a classic script (which a browser runs even from `file:`, where the
 * Pagefind module cannot load), and the browser searches it for the offline fallback and for
 * the "Menade du …?" suggestions. Pure functions with no DOM, so they are tested in Node.
 */

import { editDistance, fold, foldedWords, typoAllowance } from './search-text.ts';

/** One occupation in the local index. */
export interface LocalRecord {
	/** The name. */
	n: string;
	/** The page's path relative to the site root, such as `yrken/kock/`. */
	p: string;
	/** Indexes into `LocalIndex.areas`. */
	a: number[];
	/** Synonyms. */
	s: string[];
	/** Compound parts of the name. */
	c: string[];
	/** Compound parts of the synonyms. */
	k: string[];
}

/** The local index as the build writes it. */
export interface LocalIndex {
	v: 1;
	areas: string[];
	records: LocalRecord[];
}

/** What the build knows of one occupation page. */
export interface LocalSource {
	name: string;
	path: string;
	areas: string[];
	synonyms: string[];
	/** Compound parts of the name. */
	parts: string[];
	/** Compound parts of the synonyms. */
	synonymParts: string[];
}

/** The global the index script assigns, so the classic script and the client agree on it. */
export const localIndexGlobal = 'yrkesinfoLocalIndex';

/** Returns the local index of these occupations, in the order given. */
export function buildLocalIndex(sources: LocalSource[]): LocalIndex {
	const areas = [...new Set(sources.flatMap((source) => source.areas))].sort((a, b) =>
		a.localeCompare(b, 'sv')
	);
	return {
		v: 1,
		areas,
		records: sources.map((source) => ({
			n: source.name,
			p: source.path.replace(/^\/+/, ''),
			a: source.areas.map((area) => areas.indexOf(area)),
			s: source.synonyms,
			c: source.parts,
			k: source.synonymParts,
		})),
	};
}

/** Returns the classic script that defines the local index on `window`. */
export function localIndexScript(index: LocalIndex): string {
	// JSON is valid JavaScript; escaping "<" keeps the text inert if it is ever inlined.
	const json = JSON.stringify(index).replace(/</g, '\\u003c');
	return `window.${localIndexGlobal}=${json};\n`;
}

/** Inflectional endings a query may carry that the names do not ("kockar", "sköterskor"). */
const endings = ['erna', 'arna', 'orna', 'na', 'or', 'ar', 'er', 'en', 'et', 'r', 'n', 's'];

/** Returns a query word and the forms of it without an inflectional ending. */
export function queryForms(word: string): string[] {
	const forms = [word];
	for (const ending of endings) {
		if (word.length - ending.length >= 3 && word.endsWith(ending)) {
			forms.push(word.slice(0, -ending.length));
		}
	}
	return forms;
}

/** Where a query word matched in a record, and how much that is worth. */
export interface LocalMatch {
	record: LocalRecord;
	score: number;
	/** The synonyms that matched, to show why a record was found. */
	synonyms: string[];
}

interface Field {
	words: string[];
	exact: number;
	prefix: number;
}

interface PreparedRecord {
	record: LocalRecord;
	fields: Field[];
	synonyms: { text: string; words: string[] }[];
}

interface Prepared {
	records: PreparedRecord[];
	/** Every folded word of every name, synonym and part. */
	vocabulary: string[];
	/** Suggestion candidates by folded text: the text to show and how many titles use it. */
	candidates: Map<string, { text: string; uses: number }>;
}

const prepared = new WeakMap<LocalIndex, Prepared>();

/** Returns the index with its words folded once, so every keystroke does not fold them again. */
function prepare(index: LocalIndex): Prepared {
	const known = prepared.get(index);
	if (known) return known;
	const vocabulary = new Set<string>();
	const candidates = new Map<string, { text: string; uses: number }>();
	const addCandidate = (text: string) => {
		const key = fold(text);
		const candidate = candidates.get(key);
		if (candidate) candidate.uses++;
		else candidates.set(key, { text, uses: 1 });
	};
	const records = index.records.map((record) => {
		const fields: Field[] = [
			{ words: foldedWords(record.n), exact: 10, prefix: 8 },
			{ words: record.s.flatMap(foldedWords), exact: 6, prefix: 5 },
			// A part of the name counts almost as the name; a part of a synonym below a synonym.
			{ words: record.c.map(fold), exact: 9, prefix: 7 },
			{ words: record.k.map(fold), exact: 4, prefix: 3 },
			{
				words: record.a.flatMap((area) => foldedWords(index.areas[area] ?? '')),
				exact: 1,
				prefix: 1,
			},
		];
		for (const field of fields.slice(0, 4)) for (const word of field.words) vocabulary.add(word);
		for (const title of [record.n, ...record.s]) {
			addCandidate(title);
			// Single words of longer names, so "undersköterka" meets "Undersköterska inom …".
			const titleWords = title.match(/[\p{L}\p{N}-]+/gu) ?? [];
			if (titleWords.length > 1) {
				for (const word of titleWords) if (word.length >= 4) addCandidate(word);
			}
		}
		const synonyms = record.s.map((text) => ({ text, words: foldedWords(text) }));
		return { record, fields, synonyms };
	});
	const result = { records, vocabulary: [...vocabulary], candidates };
	prepared.set(index, result);
	return result;
}

function scoreWord(forms: string[], fields: Field[]): number {
	let best = 0;
	for (const field of fields) {
		for (const word of field.words) {
			for (const [position, form] of forms.entries()) {
				// A form with its ending removed counts a little less than the word as typed.
				const penalty = position === 0 ? 0 : 0.5;
				if (word === form) best = Math.max(best, field.exact - penalty);
				else if (word.startsWith(form)) best = Math.max(best, field.prefix - penalty);
			}
		}
	}
	return best;
}

/**
 * Returns the records that match every word of `query` (in names, synonyms, compound parts or
 * areas, without regard to case or diacritics; a word may be the beginning of a longer one), the
 * name first, then synonyms, then parts; ties in Swedish alphabetical order.
 */
export function searchLocal(index: LocalIndex, query: string): LocalMatch[] {
	const formsOfWords = foldedWords(query).map(queryForms);
	if (formsOfWords.length === 0) return [];
	const matches: LocalMatch[] = [];
	for (const { record, fields, synonyms } of prepare(index).records) {
		let score = 0;
		for (const forms of formsOfWords) {
			const wordScore = scoreWord(forms, fields);
			if (wordScore === 0) {
				score = 0;
				break;
			}
			score += wordScore;
		}
		if (score === 0) continue;
		const matched = synonyms
			.filter(({ words }) =>
				formsOfWords.some((forms) => words.some((word) => forms.some((form) => word.startsWith(form))))
			)
			.map(({ text }) => text);
		matches.push({ record, score, synonyms: matched });
	}
	return matches.sort((a, b) => b.score - a.score || a.record.n.localeCompare(b.record.n, 'sv'));
}

/** Returns true when some name, synonym or compound part begins with the word (folded). */
export function knowsWord(index: LocalIndex, word: string): boolean {
	const forms = queryForms(fold(word));
	return prepare(index).vocabulary.some((known) => forms.some((form) => known.startsWith(form)));
}

/**
 * Returns up to `limit` names, synonyms or words of them that `query` may have meant: those
 * within the typos its length allows, the closest first, then the commonest.
 */
export function suggest(index: LocalIndex, query: string, limit = 3): string[] {
	const wanted = fold(query.trim());
	const allowance = typoAllowance(wanted.length);
	if (allowance === 0) return [];
	const { candidates } = prepare(index);
	if (candidates.has(wanted)) return [];
	const found: { text: string; distance: number; uses: number }[] = [];
	for (const [key, candidate] of candidates) {
		const distance = editDistance(wanted, key, allowance);
		if (distance <= allowance) found.push({ ...candidate, distance });
	}
	found.sort(
		(a, b) => a.distance - b.distance || b.uses - a.uses || a.text.localeCompare(b.text, 'sv')
	);
	return found.slice(0, limit).map((item) => item.text);
}
