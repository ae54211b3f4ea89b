import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import {
	describeIssues,
	occupationListSchema,
	occupationSchema,
	occupationSummarySchema,
} from '../../src/lib/schema.ts';
import { projectRoot } from '../../src/lib/snapshot.ts';
import { testSnapshotDir } from '../support/corpus.ts';

const swaggerFile = path.resolve(
	projectRoot,
	'..',
	'shared',
	'api',
	'yrkesinfo-vagledning-v1.swagger.json'
);
const hasSwagger = existsSync(swaggerFile);

/** Returns the 200 example of a path in the contract. */
function example(route: string): unknown {
	const swagger = JSON.parse(readFileSync(swaggerFile, 'utf8'));
	return swagger.paths[route].get.responses['200'].schema.example;
}

/** Returns the key paths of `value` that `schema` does not name, such as `bilder[].extra`. */
function unmodelled(schema: z.ZodType, value: unknown, at = ''): string[] {
	let inner: z.ZodType = schema;
	while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
		inner = inner.unwrap() as z.ZodType;
	}
	if (Array.isArray(value) && inner instanceof z.ZodArray) {
		return value.flatMap((item) => unmodelled(inner.element as z.ZodType, item, `${at}[]`));
	}
	if (value && typeof value === 'object' && inner instanceof z.ZodObject) {
		const shape = inner.shape as Record<string, z.ZodType>;
		return Object.entries(value).flatMap(([key, item]) =>
			key in shape ? unmodelled(shape[key] as z.ZodType, item, `${at}.${key}`) : [`${at}.${key}`]
		);
	}
	return [];
}

/** A record written for these tests, with every field either filled or null. */
const record = {
	id: 42,
	amsOccupationId: null,
	namn: 'Provyrke',
	kortSammanfattning: null,
	sammanfattning: 'En kort text.',
	arbetsuppgifter: null,
	arbetsplats: '',
	arbetsmiljo: null,
	arbetstid: null,
	internationellaMojligheter: null,
	yrkesomraden: ['Provområde'],
	formagor: { beskrivning: null, detaljer: [{ kategori: 'Noggrann', text: null }] },
	utbildningar: null,
	utbildningsvag: { beskrivning: null, visaValideringstext: null, utbildningsvagkategorier: null },
	yrkesgrupperOchBenamningar: null,
	liknandeYrken: [{ id: 43, namn: 'Annat provyrke' }],
	lankar: null,
	intresseprofil: { primar: 'S', sekundar: null, tertiar: null },
	bilder: [{ lank: 'https://bilder.example/a.png ', sammanfattning: null, primar: true }],
	metadata: { version: 1, senastUppdaterad: '2024-01-01T00:00:00' },
};

test(
	'every field of the contract examples is modelled, and the examples parse',
	{ skip: !hasSwagger },
	() => {
		const list = example('/yrken');
		const detail = example('/yrken/{id}');
		// The walk itself must notice a field the schema lacks.
		assert.deepEqual(unmodelled(occupationSchema, { id: 1, bilder: [{ x: 1 }] }), ['.bilder[].x']);

		assert.deepEqual(unmodelled(occupationListSchema, list), []);
		assert.deepEqual(unmodelled(occupationSchema, detail), []);
		assert.equal(occupationListSchema.safeParse(list).success, true);
		assert.equal(occupationSchema.safeParse(detail).success, true);
	}
);

test('nullable fields accept null, as the real corpus has them', () => {
	const parsed = occupationSchema.safeParse(record);

	assert.equal(parsed.success, true, parsed.error && describeIssues(parsed.error).join('\n'));
});

test('fields the schema does not know are kept, at the top and nested', () => {
	const withExtras = {
		...record,
		nyttFalt: { djup: [1, 2] },
		bilder: [{ ...record.bilder[0], fotograf: 'Okänd' }],
	};

	const parsed = occupationSchema.parse(withExtras);

	assert.deepEqual(parsed.nyttFalt, { djup: [1, 2] });
	assert.equal(parsed.bilder?.[0]?.fotograf, 'Okänd');
	assert.equal(occupationSummarySchema.parse({ id: 1, namn: 'X', annat: true }).annat, true);
});

test('a record that does not match is described by field path in plain words', () => {
	const broken = { ...record, namn: '', bilder: [{ lank: 7 }], intresseprofil: { primar: 'Q' } };

	const parsed = occupationSchema.safeParse(broken);

	assert.equal(parsed.success, false);
	const lines = describeIssues(parsed.error as z.ZodError);
	assert.ok(
		lines.some((line) => /^namn: .*>=1 character/i.test(line)),
		lines.join('\n')
	);
	assert.ok(
		lines.some((line) => /^bilder\[0\]\.lank: .*expected string, received number/i.test(line))
	);
	assert.ok(lines.some((line) => line.startsWith('intresseprofil.primar: ')));
	const { namn: _namn, ...nameless } = record;
	assert.deepEqual(describeIssues(occupationSchema.safeParse(nameless).error as z.ZodError), [
		'namn: missing (expected string)',
	]);
	assert.deepEqual(describeIssues(occupationSchema.safeParse(null).error as z.ZodError), [
		'(the whole record): Invalid input: expected object, received null',
	]);
});

test('every record of the test corpus matches the schema', () => {
	const list = JSON.parse(readFileSync(path.join(testSnapshotDir, 'yrken.json'), 'utf8'));
	assert.equal(occupationListSchema.safeParse(list).success, true);

	const files = readdirSync(path.join(testSnapshotDir, 'yrken'));
	assert.ok(files.length > 0);
	for (const name of files) {
		const value = JSON.parse(readFileSync(path.join(testSnapshotDir, 'yrken', name), 'utf8'));
		const parsed = occupationSchema.safeParse(value);
		assert.equal(parsed.success, true, `${name}: ${parsed.error && describeIssues(parsed.error)}`);
	}
});
