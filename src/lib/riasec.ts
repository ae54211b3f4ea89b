/*
 * The interest profile (Holland's RIASEC letters) in Swedish, and the geometry of the small
 * hexagon that shows which letters an occupation has.
 */

import type { InterestProfile } from './schema.ts';

export type RiasecLetter = 'R' | 'I' | 'A' | 'S' | 'E' | 'C';

/** The six letters in the order they sit around the hexagon. */
export const riasecOrder: RiasecLetter[] = ['R', 'I', 'A', 'S', 'E', 'C'];

/** Swedish names and short descriptions of the six interest types. */
export const riasecNames: Record<RiasecLetter, { name: string; about: string }> = {
	R: { name: 'Praktisk', about: 'arbetar gärna med händerna, verktyg, maskiner eller natur' },
	I: { name: 'Undersökande', about: 'tycker om att analysera, lösa problem och förstå hur saker hänger ihop' },
	A: { name: 'Konstnärlig', about: 'vill skapa, uttrycka sig och arbeta fritt med idéer' },
	S: { name: 'Social', about: 'vill hjälpa, undervisa eller ta hand om andra människor' },
	E: { name: 'Företagsam', about: 'vill leda, påverka, sälja och ta initiativ' },
	C: { name: 'Systematisk', about: 'tycker om ordning, struktur och noggranna rutiner' },
};

/** The Swedish names of the ranks. */
export const rankNames = ['Främsta intresse', 'Näst främsta intresse', 'Tredje intresse'];

export interface ProfileLetter {
	letter: RiasecLetter;
	rank: number;
	name: string;
	about: string;
}

/** Returns the profile's letters in rank order (primary first), skipping empty and repeated ones. */
export function profileLetters(profile: InterestProfile | null | undefined): ProfileLetter[] {
	if (!profile) return [];
	const letters: ProfileLetter[] = [];
	for (const letter of [profile.primar, profile.sekundar, profile.tertiar]) {
		if (!letter || letters.some((item) => item.letter === letter)) continue;
		letters.push({ letter, rank: letters.length + 1, ...riasecNames[letter] });
	}
	return letters;
}

export interface HexagonNode {
	letter: RiasecLetter;
	x: number;
	y: number;
	rank: number | null;
}

/** Returns the corners of a hexagon of radius `r` around (`cx`, `cy`), R at the top, clockwise. */
export function hexagonNodes(
	ranks: Map<RiasecLetter, number>,
	cx = 80,
	cy = 80,
	r = 56
): HexagonNode[] {
	return riasecOrder.map((letter, index) => {
		const angle = ((index * 60 - 90) * Math.PI) / 180;
		return {
			letter,
			x: Math.round((cx + r * Math.cos(angle)) * 10) / 10,
			y: Math.round((cy + r * Math.sin(angle)) * 10) / 10,
			rank: ranks.get(letter) ?? null,
		};
	});
}
