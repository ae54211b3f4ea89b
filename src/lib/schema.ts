import { z } from 'zod';

/*
 * One model of an occupation, mirroring the Yrkesinfo v1 contract with the API's own field
 * names. Objects are loose: a field the contract does not describe is kept as it came, because
 * the snapshot and the archive must not lose anything the API sent.
 */

const text = z.string().nullish();
const flag = z.boolean().nullish();

/** A label with a text, as used by `formagor.detaljer` and `utbildningar.detaljer`. */
export const categoryTextSchema = z.looseObject({
	kategori: z.string(),
	text: z.string().nullish(),
});

/** A described list of labelled texts (`formagor`, `utbildningar`). */
export const describedListSchema = z.looseObject({
	beskrivning: text,
	detaljer: z.array(categoryTextSchema).nullish(),
});

/** One RIASEC letter of the interest profile. */
export const riasecSchema = z.enum(['R', 'I', 'A', 'S', 'E', 'C']);

export const interestProfileSchema = z.looseObject({
	primar: riasecSchema.nullish(),
	sekundar: riasecSchema.nullish(),
	tertiar: riasecSchema.nullish(),
});

export const imageSchema = z.looseObject({
	lank: z.string(),
	sammanfattning: text,
	primar: flag,
	normbrytandeKon: flag,
	normbrytandeEtnicitet: flag,
	normbrytandeFunktionsnedsattning: flag,
});

export const linkSchema = z.looseObject({
	namn: z.string(),
	url: z.string(),
	kategori: text,
});

export const similarOccupationSchema = z.looseObject({
	id: z.number().int(),
	namn: z.string(),
});

export const occupationGroupSchema = z.looseObject({
	ssyk: text,
	namn: z.string(),
	taxonomiId: z.number().int().nullish(),
	taxonomiTyp: text,
});

export const educationPathSchema = z.looseObject({
	beskrivning: text,
	visaValideringstext: flag,
	utbildningsvagkategorier: z
		.array(z.looseObject({ kategori: z.string(), kategoriText: text }))
		.nullish(),
});

/** One entry of `GET /yrken`. */
export const occupationSummarySchema = z.looseObject({
	id: z.number().int().positive(),
	namn: z.string().min(1),
	oneliner: text,
	bildlank: text,
	bildsammanfattning: text,
	yrkesomraden: z.array(z.string()).nullish(),
	yrkessynonymer: z.array(z.string()).nullish(),
	isGymnasie: flag,
	isEjGymnasie: flag,
	isEftergymn2less: flag,
	isEftergymn2more: flag,
});

/** The body of `GET /yrken`. */
export const occupationListSchema = z.array(occupationSummarySchema);

/** The body of `GET /yrken/{id}`. */
export const occupationSchema = z.looseObject({
	id: z.number().int().positive(),
	amsOccupationId: z.number().int().nullish(),
	namn: z.string().min(1),
	kortSammanfattning: text,
	sammanfattning: text,
	arbetsuppgifter: text,
	arbetsplats: text,
	arbetsmiljo: text,
	arbetstid: text,
	internationellaMojligheter: text,
	yrkesomraden: z.array(z.string()).nullish(),
	formagor: describedListSchema.nullish(),
	utbildningar: describedListSchema.nullish(),
	utbildningsvag: educationPathSchema.nullish(),
	yrkesgrupperOchBenamningar: z.array(occupationGroupSchema).nullish(),
	liknandeYrken: z.array(similarOccupationSchema).nullish(),
	lankar: z.array(linkSchema).nullish(),
	intresseprofil: interestProfileSchema.nullish(),
	bilder: z.array(imageSchema).nullish(),
	metadata: z
		.looseObject({ version: z.number().nullish(), senastUppdaterad: text })
		.nullish(),
});

/**
 * What the site renders for one occupation: the full record, with the list entry's fields
 * (one-liner, synonyms, image link, education flags) that only `GET /yrken` carries.
 */
export const occupationEntrySchema = occupationSchema.extend({
	oneliner: text,
	bildlank: text,
	bildsammanfattning: text,
	yrkessynonymer: z.array(z.string()).nullish(),
	isGymnasie: flag,
	isEjGymnasie: flag,
	isEftergymn2less: flag,
	isEftergymn2more: flag,
});

/** The 403 body of the API. */
export const apiErrorSchema = z.looseObject({ error: z.string(), description: z.string() });

export type OccupationSummary = z.infer<typeof occupationSummarySchema>;
export type Occupation = z.infer<typeof occupationSchema>;
export type OccupationEntry = z.infer<typeof occupationEntrySchema>;
export type InterestProfile = z.infer<typeof interestProfileSchema>;

/**
 * Returns the issues of a failed validation as short lines a person can act on, each naming the
 * field as it would be written in JavaScript, such as `bilder[0].lank: Invalid input: expected
 * string, received number`.
 */
export function describeIssues(error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const path = issue.path
			.map((key, index) =>
				typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`
			)
			.join('');
		// zod words a missing field as "received undefined", which means nothing to a reader.
		const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
		const message = missing ? `missing (expected ${issue.expected})` : issue.message;
		return `${path || '(the whole record)'}: ${message}`;
	});
}
