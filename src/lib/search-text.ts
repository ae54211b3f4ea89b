/*
 * Text helpers shared by the build and the browser: folding for accent-free matching and a
 * bounded edit distance for typo suggestions. No imports, so the client bundle stays small.
 */

const foldTable: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', æ: 'a', ø: 'o' };

/**
 * Returns `text` lower-cased with diacritics removed ("Sjuksköterska" → "sjukskoterska"), so a
 * query typed without å, ä or ö meets the name it means.
 */
export function fold(text: string): string {
	return text
		.toLowerCase()
		.replace(/[åäöæø]/g, (letter) => foldTable[letter])
		.normalize('NFD')
		.replace(/\p{M}/gu, '');
}

/** Returns the folded words of a text: runs of letters and digits. */
export function foldedWords(text: string): string[] {
	return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Returns the optimal-string-alignment distance between `a` and `b` (insertions, deletions,
 * substitutions and swaps of two neighbours each cost 1), or `max + 1` as soon as it must
 * exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let before: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				value = Math.min(value, before[j - 2] + 1);
			}
			current.push(value);
			rowMin = Math.min(rowMin, value);
		}
		if (rowMin > max) return max + 1;
		before = previous;
		previous = current;
	}
	return Math.min(previous[b.length], max + 1);
}

/** Returns how many typos a query word of this length may carry and still get a suggestion. */
export function typoAllowance(length: number): number {
	if (length < 4) return 0;
	return length < 7 ? 1 : 2;
}
