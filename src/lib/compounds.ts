/*
 * A compound splitter for Swedish occupation names, learned from the corpus itself.
 *
 * Swedish writes compounds as one word ("sjuksköterska", "tandtekniker"), so a search for the
 * head ("sköterska", "tekniker") finds nothing unless the parts are indexed too. The splitter
 * knows no words of its own: its vocabulary is every word of the texts it is given, plus the
 * heads that several names share after a known word (so "sköterska" is learned from
 * "sjuk|sköterska", "tand|sköterska" and "under|sköterska" even if it never stands alone).
 * Segmentation follows the frequency method of Koehn and Knight (2003): among the splits with
 * the fewest parts, the one whose parts are most frequent wins. Swedish linking letters
 * ("arbetsmiljö" = "arbete" + s + "miljö") and a dropped final vowel ("skolsköterska" =
 * "skola" − a + "sköterska") are allowed between parts.
 */

/** The settings of a splitter; the defaults suit Swedish. */
export interface SplitterOptions {
	/** The shortest part a word may split into. */
	minPart?: number;
	/** A part this short or shorter must occur at least `shortPartMinCount` times... */
	shortPart?: number;
	shortPartMinCount?: number;
	/**
	 * ...and in at most this share of the documents: a short word in nearly every text is a
	 * function word ("med", "för", "ska"), never the part of a name.
	 */
	functionWordShare?: number;
	/** The shortest word worth splitting. */
	minWord?: number;
	/** Letters that may join two parts ("arbete" → "arbets-miljö"). */
	linkers?: string[];
	/** Final vowels a modifier may drop ("skol(a)sköterska"). */
	droppedVowels?: string[];
	/** Final vowels a modifier may show in place of an "a" ("sköterske-yrken", "gatu-kök"). */
	swappedVowels?: string[];
	/** How many names must share a head before it counts as a word of its own. */
	minHeadFamily?: number;
	/** The shortest learned head. */
	minHead?: number;
	/**
	 * The shortest head learned from its family alone, whatever comes before it; used when the
	 * corpus is too small to know the modifiers ("ögonsjuk|sköterska").
	 */
	minLooseHead?: number;
}

export interface CompoundSplitter {
	/**
	 * Returns the parts of one word, lower-cased, outermost split first and then the parts of
	 * those parts (so "anestesisjuksköterska" gives "anestesi", "sjuksköterska", "sjuk",
	 * "sköterska"); an empty list when the word is not a compound.
	 */
	split(word: string): string[];
	/** Returns the parts of every word of a phrase (such as a name), without repeats. */
	splitPhrase(phrase: string): string[];
	/** Returns how many times a word occurs in the vocabulary (learned heads count their family). */
	count(word: string): number;
}

const defaults: Required<SplitterOptions> = {
	minPart: 3,
	shortPart: 4,
	shortPartMinCount: 2,
	functionWordShare: 0.5,
	minWord: 6,
	linkers: ['s'],
	droppedVowels: ['a', 'e'],
	swappedVowels: ['e', 'o', 'u'],
	minHeadFamily: 3,
	minHead: 5,
	minLooseHead: 6,
};

const wordPattern = /[\p{L}]+/gu;

/** Returns the lower-cased words of a text (letters only; digits and punctuation separate). */
export function words(text: string): string[] {
	return text.toLocaleLowerCase('sv').match(wordPattern) ?? [];
}

/**
 * Returns a splitter whose vocabulary is every word of `documents` (one string per document, such
 * as all the text of one occupation) and whose learned heads come from `titles` (names and
 * synonyms).
 */
export function buildSplitter(
	documents: Iterable<string>,
	titles: Iterable<string>,
	options: SplitterOptions = {}
): CompoundSplitter {
	const settings = { ...defaults, ...options };
	const counts = new Map<string, number>();
	const documentCounts = new Map<string, number>();
	let documentTotal = 0;
	for (const document of documents) {
		documentTotal++;
		const seen = new Set<string>();
		for (const word of words(document)) {
			counts.set(word, (counts.get(word) ?? 0) + 1);
			seen.add(word);
		}
		for (const word of seen) documentCounts.set(word, (documentCounts.get(word) ?? 0) + 1);
	}
	const titleWords = new Set<string>();
	for (const title of titles) {
		for (const word of words(title)) {
			titleWords.add(word);
			if (!counts.has(word)) counts.set(word, 1);
		}
	}

	const isKnown = (part: string): boolean => {
		if (part.length < settings.minPart) return false;
		const count = counts.get(part) ?? 0;
		if (part.length > settings.shortPart) return count > 0;
		// In a handful of texts a share says nothing; from ten on it tells function words apart.
		const share = documentTotal < 10 ? 0 : (documentCounts.get(part) ?? 0) / documentTotal;
		return count >= settings.shortPartMinCount && share <= settings.functionWordShare;
	};

	// A modifier may appear in its own form, with a linking letter, with a final vowel dropped,
	// or both ("arbets" for "arbete"); this returns the vocabulary word it stands for.
	const modifierWord = (piece: string, dropVowels = true): string | undefined => {
		const stems = [piece];
		for (const linker of settings.linkers) {
			if (piece.endsWith(linker)) stems.push(piece.slice(0, -linker.length));
		}
		for (const stem of stems) if (isKnown(stem)) return stem;
		if (!dropVowels) return undefined;
		for (const stem of stems) {
			if (stem.length < settings.minPart) continue;
			for (const vowel of settings.droppedVowels) if (isKnown(stem + vowel)) return stem + vowel;
		}
		const last = piece.slice(-1);
		if (settings.swappedVowels.includes(last) && isKnown(`${piece.slice(0, -1)}a`)) {
			return `${piece.slice(0, -1)}a`;
		}
		return undefined;
	};

	// Learn heads: a suffix that several title words share, each time after a modifier the
	// corpus knows as it is written, is a word even when the corpus never uses it alone. Dropped
	// vowels are not allowed here, or derivational endings such as "-ning" (from "redovis(a)")
	// would pass for words.
	const families = new Map<string, Set<string>>();
	const looseFamilies = new Map<string, Set<string>>();
	const addTo = (map: Map<string, Set<string>>, head: string, word: string) => {
		let family = map.get(head);
		if (!family) map.set(head, (family = new Set()));
		family.add(word);
	};
	for (const word of titleWords) {
		for (let cut = settings.minPart; cut <= word.length - settings.minHead; cut++) {
			const head = word.slice(cut);
			if (!/[aeiouyåäöéü]/.test(head)) continue;
			if (head.length >= settings.minLooseHead) addTo(looseFamilies, head, word);
			if (modifierWord(word.slice(0, cut), false) !== undefined) addTo(families, head, word);
		}
	}
	// A real head also begins words of its own ("sköterska": "sköta", "sköter"); derivational
	// endings ("-erare", "-ograf") and misplaced cuts ("-köterska") begin none.
	const openings = new Set<string>();
	for (const word of counts.keys()) if (word.length >= 5) openings.add(word.slice(0, 4));
	// A family counts only at its widest cut: "oordinator" is always preceded by "k", so it is a
	// piece of "koordinator", not a head of its own.
	const isWidest = (head: string, family: Set<string>) =>
		new Set([...family].map((word) => word.charAt(word.length - head.length - 1))).size > 1;
	// ...and only if the corpus also inflects it, alone or at the end of a longer word
	// ("sjuksköterskor", "sköterskan"): evidence that it is a word and not a cut through one.
	const vocabulary = [...counts.keys()];
	const inflected = (head: string) => {
		const stem = head.slice(0, -1);
		return vocabulary.some((word) => {
			const at = word.lastIndexOf(stem);
			return at >= 0 && !word.endsWith(head) && word.length - at - stem.length <= 3 && word.length > at + stem.length;
		});
	};
	// ...and at least two of its modifiers are words, allowing for a dropped vowel ("sjuk(a)",
	// "under"), which the pieces before "-terare" or "-stratör" ("sekre", "admini") are not.
	const wordyModifiers = (head: string, family: Set<string>) =>
		[...family].filter((word) => modifierWord(word.slice(0, -head.length)) !== undefined).length;
	const looseSize = (head: string) => {
		const loose = looseFamilies.get(head);
		if (!loose || !isWidest(head, loose) || wordyModifiers(head, loose) < 2) return 0;
		return inflected(head) ? loose.size : 0;
	};
	const strictSize = (head: string) => {
		const family = families.get(head);
		return family && isWidest(head, family) ? family.size : 0;
	};
	// Each head is asked about several times (as itself and beside its linker variants), and
	// `inflected` scans the whole vocabulary, so sizes are remembered.
	const sizes = new Map<string, number>();
	const familySize = (head: string) => {
		let size = sizes.get(head);
		if (size === undefined) sizes.set(head, (size = Math.max(strictSize(head), looseSize(head))));
		return size;
	};
	const isHeadCandidate = (head: string) =>
		isKnown(head) ||
		(openings.has(head.slice(0, 4)) && familySize(head) >= settings.minHeadFamily);
	const learned: [string, number][] = [];
	for (const head of new Set([...families.keys(), ...looseFamilies.keys()])) {
		if (counts.has(head) || !isHeadCandidate(head)) continue;
		// A head that only differs from another by a linking letter is a misplaced cut:
		// "verksamhet|sutvecklare" is "verksamhets|utvecklare", "order|amordnare" is
		// "order|samordnare".
		const misplaced = settings.linkers.some(
			(linker) =>
				(head.startsWith(linker) && isHeadCandidate(head.slice(linker.length))) ||
				isHeadCandidate(linker + head)
		);
		if (!misplaced) learned.push([head, familySize(head)]);
	}
	for (const [head, size] of learned) counts.set(head, size);
	const learnedHeads = new Set(learned.map(([head]) => head));

	// Learn modifiers the same way: a beginning that several title words share, each time before
	// a known head, is a word ("tand" from "tand|läkare", "tand|tekniker", "tand|sköterska").
	const modifierFamilies = new Map<string, Set<string>>();
	for (const word of titleWords) {
		for (let cut = settings.minHead - 1; cut <= word.length - settings.minPart; cut++) {
			const modifier = word.slice(0, cut);
			if (!/[aeiouyåäöéü]/.test(modifier) || isKnown(modifier)) continue;
			if (!isKnown(word.slice(cut))) continue;
			let family = modifierFamilies.get(modifier);
			if (!family) modifierFamilies.set(modifier, (family = new Set()));
			family.add(word);
		}
	}
	for (const [modifier, family] of modifierFamilies) {
		if (family.size < settings.minHeadFamily) continue;
		if (modifierWord(modifier, false) !== undefined) continue;
		counts.set(modifier, family.size);
	}

	const memo = new Map<string, string[] | null>();

	// Returns the best segmentation of `word` into two or more known parts (modifiers as the
	// vocabulary spells them), or null when there is none.
	const segment = (word: string): string[] | null => {
		if (memo.has(word)) return memo.get(word)!;
		memo.set(word, null);
		let best: { parts: string[]; score: number } | null = null;
		for (let cut = settings.minPart; cut <= word.length - settings.minPart; cut++) {
			const modifier = modifierWord(word.slice(0, cut));
			if (modifier === undefined) continue;
			const rest = word.slice(cut);
			const tails: string[][] = [];
			if (isKnown(rest)) tails.push([rest]);
			const deeper = segment(rest);
			if (deeper) tails.push(deeper);
			for (const tail of tails) {
				const parts = [modifier, ...tail];
				const score = geometricMean(parts.map((part) => counts.get(part) ?? 0));
				if (
					!best ||
					parts.length < best.parts.length ||
					(parts.length === best.parts.length && score > best.score)
				) {
					best = { parts, score };
				}
			}
		}
		const result = best?.parts ?? null;
		memo.set(word, result);
		return result;
	};

	// When no split into known words exists, a solid head still comes off: a learned head, or a
	// known word of some length, after a remainder the corpus does not know ("ögonsjuk|sköterska").
	const headOnly = (word: string): string[] | null => {
		for (let cut = settings.minPart; cut <= word.length - settings.minHead; cut++) {
			const head = word.slice(cut);
			const modifier = word.slice(0, cut);
			if (!/[aeiouyåäöéü]/.test(modifier)) continue;
			const shared = (looseFamilies.get(head)?.size ?? 0) >= 2;
			const solid = head.length >= settings.minLooseHead && shared && isKnown(head);
			if (learnedHeads.has(head) || solid) {
				return [modifier, head];
			}
		}
		return null;
	};

	const split = (input: string, outermost = true): string[] => {
		const word = input.toLocaleLowerCase('sv');
		if (word.length < settings.minWord) return [];
		// The guess is for whole words only; a part that is already a vocabulary word stays whole.
		const parts = segment(word) ?? (outermost ? headOnly(word) : null);
		if (!parts) return [];
		// The fewest-parts split keeps known compounds whole ("sjuksköterska"); split those too,
		// so every head and modifier is reachable.
		const all: string[] = [];
		const add = (part: string) => {
			if (!all.includes(part) && part !== word) all.push(part);
		};
		for (const part of parts) add(part);
		for (const part of parts) for (const inner of split(part, false)) add(inner);
		return all;
	};

	return {
		split: (word) => split(word),
		splitPhrase(phrase) {
			const all: string[] = [];
			for (const word of words(phrase)) {
				for (const part of split(word)) if (!all.includes(part)) all.push(part);
			}
			return all;
		},
		count: (word) => counts.get(word.toLocaleLowerCase('sv')) ?? 0,
	};
}

function geometricMean(values: number[]): number {
	return Math.exp(values.reduce((sum, value) => sum + Math.log(value || 0.5), 0) / values.length);
}
