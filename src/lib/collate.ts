/*
 * Swedish ordering: A…Z, then Å, Ä, Ö, as `Intl.Collator('sv')` sorts them. Letter groups come
 * from the collator too, so É files under E, Ü under Y and Ø under Ö, as in a Swedish index.
 */

const collator = new Intl.Collator('sv', { numeric: true });
const baseCollator = new Intl.Collator('sv', { sensitivity: 'base' });

/** The Swedish alphabet, in order. */
export const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ'];

/** The group for names that do not start with a letter of the alphabet. */
export const otherGroup = '#';

/** Returns a negative, zero or positive number as `a` sorts before, with or after `b` in Swedish. */
export function compareSv(a: string, b: string): number {
	return collator.compare(a, b);
}

/** Returns a copy of `items` sorted in Swedish order by the string `key` gives. */
export function sortSv<T>(items: readonly T[], key: (item: T) => string): T[] {
	return [...items].sort((a, b) => compareSv(key(a), key(b)));
}

/** The letter each first character files under, as the index asks for thousands of names. */
const letterOf = new Map<string, string>();

/** Returns the index letter a name files under, or `#` when it starts with no letter. */
export function initialLetter(name: string): string {
	const first = name.trim().codePointAt(0);
	if (first === undefined) return otherGroup;
	const char = String.fromCodePoint(first);
	let letter = letterOf.get(char);
	if (letter === undefined) {
		letter = alphabet.find((candidate) => baseCollator.compare(char, candidate) === 0) ?? otherGroup;
		letterOf.set(char, letter);
	}
	return letter;
}

/** Returns an ASCII fragment id for a letter group, such as `bokstav-a` or `bokstav-aa` for Å. */
export function letterId(letter: string): string {
	const special: Record<string, string> = { Å: 'aa', Ä: 'ae', Ö: 'oe', [otherGroup]: 'ovriga' };
	return `bokstav-${special[letter] ?? letter.toLowerCase()}`;
}
