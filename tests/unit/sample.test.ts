import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
	describeIssues,
	occupationListSchema,
	occupationSchema,
	type Occupation,
	type OccupationSummary,
} from '../../src/lib/schema.ts';
import { sampleSnapshotDir, sharedCorpusDir } from '../../src/lib/snapshot.ts';
import { hasRealCorpus } from '../support/corpus.ts';

/*
 * The repository's own sample is what the site, the search and every test fall back to without
 * the real corpus, so it must be valid, complete and cover the cases the site has to handle.
 */

const dir = sampleSnapshotDir;
const detailDir = path.join(dir, 'yrken');

/** Returns the parsed content of a file inside the sample. */
function readSampleJson(relative: string): unknown {
	return JSON.parse(readFileSync(path.join(dir, relative), 'utf8'));
}

const list = readSampleJson('yrken.json') as OccupationSummary[];
const detailFiles = readdirSync(detailDir).filter((name) => name.endsWith('.json'));
const details = detailFiles.map((name) => readSampleJson(`yrken/${name}`) as Occupation);
const detailById = new Map(details.map((detail) => [detail.id, detail]));
const manifest = readSampleJson('manifest.json') as {
	source: string;
	sample: boolean;
	fetchedAt: string;
	count: number;
	images: Record<string, string>;
};

/** Returns every name and synonym of the sample. */
function allNames(): string[] {
	return list.flatMap((entry) => [entry.namn, ...(entry.yrkessynonymer ?? [])]);
}

test('the list validates against the list schema', () => {
	const result = occupationListSchema.safeParse(list);

	assert.ok(result.success, result.success ? '' : describeIssues(result.error).join('\n'));
	assert.ok(list.length >= 12, `the sample should hold about 15 occupations, has ${list.length}`);
});

test('every detail file validates against the occupation schema', () => {
	for (const [index, detail] of details.entries()) {
		const result = occupationSchema.safeParse(detail);

		assert.ok(
			result.success,
			result.success ? '' : `${detailFiles[index]}: ${describeIssues(result.error).join('; ')}`
		);
	}
});

test('every listed id has a detail file and every detail file is listed', () => {
	const listed = list.map((entry) => `${entry.id}.json`).sort();

	assert.deepEqual(detailFiles.slice().sort(), listed);
	assert.equal(new Set(listed).size, listed.length, 'ids in yrken.json are unique');
});

test('each detail file carries its own id and the same name and areas as its list entry', () => {
	for (const entry of list) {
		const detail = readSampleJson(`yrken/${entry.id}.json`) as Occupation;

		assert.equal(detail.id, entry.id, `yrken/${entry.id}.json has id ${detail.id}`);
		assert.equal(detail.namn, entry.namn, `names differ for ${entry.id}`);
		assert.deepEqual(detail.yrkesomraden, entry.yrkesomraden, `areas differ for ${entry.id}`);
	}
});

test('the sample ids do not collide with the real corpus', { skip: !hasRealCorpus }, () => {
	const real = JSON.parse(readFileSync(path.join(sharedCorpusDir, 'yrken.json'), 'utf8')) as {
		id: number;
	}[];
	const realIds = new Set(real.map((entry) => entry.id));

	assert.deepEqual(
		list.filter((entry) => realIds.has(entry.id)).map((entry) => entry.id),
		[]
	);
});

test('the files are pretty-printed with two spaces and end with a newline', () => {
	const files = ['yrken.json', 'manifest.json', ...detailFiles.map((name) => `yrken/${name}`)];

	for (const file of files) {
		const raw = readFileSync(path.join(dir, file), 'utf8');

		assert.equal(raw, `${JSON.stringify(JSON.parse(raw), null, 2)}\n`, `${file} is not formatted`);
	}
});

test('the manifest marks the sample and counts its occupations', () => {
	assert.equal(manifest.sample, true);
	assert.equal(manifest.count, list.length);
	assert.match(manifest.source, /Exempeldata/);
	assert.ok(!Number.isNaN(Date.parse(manifest.fetchedAt)), 'fetchedAt is an ISO date');
});

test('every manifest image exists on disk as a small SVG with a title', () => {
	const entries = Object.entries(manifest.images);
	assert.ok(entries.length >= list.length, 'at least one image per occupation');

	for (const [link, relative] of entries) {
		const file = path.join(dir, relative);
		assert.ok(existsSync(file), `${link} maps to ${relative}, which does not exist`);

		const svg = readFileSync(file, 'utf8');
		assert.ok(statSync(file).size < 4096, `${relative} is larger than 4 KB`);
		assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		assert.match(svg, /<title[^>]*>[^<]+<\/title>/, `${relative} has no <title>`);
		assert.doesNotMatch(svg, /<script|\son\w+=|href=/i, `${relative} holds active content`);
	}
});

test('every image link in the records is in the manifest', () => {
	const links = [
		...list.map((entry) => entry.bildlank),
		...details.flatMap((detail) => (detail.bilder ?? []).map((image) => image.lank)),
	];

	for (const link of links) {
		assert.ok(link, 'every record links an image');
		assert.ok(link in manifest.images, `${link} is not in manifest.json`);
		assert.match(link, /^https:\/\/bilder\.yrkesinfo\.example\//);
	}
});

test('each list image is the primary image of its detail record', () => {
	for (const entry of list) {
		const primary = detailById.get(entry.id)?.bilder?.find((image) => image.primar);

		assert.equal(primary?.lank, entry.bildlank, `primary image of ${entry.id}`);
		assert.equal(primary?.sammanfattning, entry.bildsammanfattning, `image text of ${entry.id}`);
	}
});

test('names start with Å, Ä and Ö', () => {
	for (const letter of ['Å', 'Ä', 'Ö']) {
		assert.ok(
			list.some((entry) => entry.namn.startsWith(letter)),
			`no occupation name starts with ${letter}`
		);
	}
});

test('compound families and inflection targets exist for the search', () => {
	const names = allNames().map((name) => name.toLowerCase());

	assert.ok(names.filter((name) => name.endsWith('sköterska')).length >= 3, '-sköterska');
	assert.ok(names.filter((name) => name.endsWith('tekniker')).length >= 3, '-tekniker');
	for (const target of ['Kock', 'Polis', 'Sjuksköterska']) {
		assert.ok(list.some((entry) => entry.namn === target), `${target} is missing`);
	}
});

test('synonyms mostly belong to one occupation', () => {
	const owners = new Map<string, number>();
	for (const synonym of list.flatMap((entry) => entry.yrkessynonymer ?? [])) {
		owners.set(synonym, (owners.get(synonym) ?? 0) + 1);
	}
	const shared = [...owners].filter(([, count]) => count > 1);

	assert.ok(shared.length >= 1 && shared.length <= 2, `shared synonyms: ${shared.join(', ')}`);
});

test('several areas are covered and some occupations sit in two', () => {
	const areas = new Set(list.flatMap((entry) => entry.yrkesomraden ?? []));

	assert.ok(areas.size >= 6, `only ${areas.size} areas`);
	assert.ok(list.filter((entry) => (entry.yrkesomraden ?? []).length > 1).length >= 2);
});

test('exactly one similar occupation points at an id outside the sample', () => {
	const references = details.flatMap((detail) =>
		(detail.liknandeYrken ?? []).map((similar) => ({ from: detail.id, ...similar }))
	);
	const dangling = references.filter((reference) => !detailById.has(reference.id));

	assert.equal(dangling.length, 1, `dangling: ${JSON.stringify(dangling)}`);
	for (const reference of references.filter((reference) => detailById.has(reference.id))) {
		assert.equal(reference.namn, detailById.get(reference.id)?.namn, `name of ${reference.id}`);
		assert.notEqual(reference.id, reference.from, `${reference.from} lists itself`);
	}
});

test('every optional part is filled somewhere, and a few records leave one out', () => {
	const filled = (pick: (detail: Occupation) => unknown) =>
		details.some((detail) => {
			const value = pick(detail);
			return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
		});
	const checks: Record<string, (detail: Occupation) => unknown> = {
		kortSammanfattning: (detail) => detail.kortSammanfattning,
		internationellaMojligheter: (detail) => detail.internationellaMojligheter || null,
		intresseprofil: (detail) => detail.intresseprofil?.tertiar,
		bilder: (detail) => detail.bilder,
		yrkesgrupperOchBenamningar: (detail) => detail.yrkesgrupperOchBenamningar,
		utbildningsvagkategorier: (detail) => detail.utbildningsvag?.utbildningsvagkategorier,
		utbildningarDetaljer: (detail) => detail.utbildningar?.detaljer,
		formagorDetaljer: (detail) => detail.formagor?.detaljer,
		lankar: (detail) => detail.lankar,
		liknandeYrken: (detail) => detail.liknandeYrken,
	};
	for (const [field, pick] of Object.entries(checks)) {
		assert.ok(filled(pick), `${field} is never set`);
	}

	assert.ok(list.some((entry) => (entry.yrkessynonymer ?? []).length > 0), 'no synonyms');
	const flags = ['isGymnasie', 'isEjGymnasie', 'isEftergymn2less', 'isEftergymn2more'] as const;
	for (const flag of flags) {
		assert.ok(list.some((entry) => entry[flag] === true), `${flag} is never true`);
	}

	assert.ok(details.some((detail) => !detail.internationellaMojligheter), 'all have abroad text');
	assert.ok(details.some((detail) => !detail.kortSammanfattning), 'all have a short summary');
});

test('paragraphs, dates, SSYK codes, interest profiles and links have the API shape', () => {
	for (const detail of details) {
		const where = `occupation ${detail.id}`;

		assert.ok((detail.arbetsuppgifter ?? '').includes('\n\n'), `${where}: tasks in paragraphs`);
		assert.match(detail.metadata?.senastUppdaterad ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		assert.ok(detail.intresseprofil?.primar, `${where}: no primary interest`);
		for (const group of detail.yrkesgrupperOchBenamningar ?? []) {
			assert.match(group.ssyk ?? '', /^\d{4}$/, `${where}: SSYK code`);
			assert.equal(group.taxonomiTyp, 'SSYK4');
		}
		for (const link of detail.lankar ?? []) {
			const url = new URL(link.url);
			assert.equal(url.protocol, 'https:', `${where}: ${link.url} is not https`);
			assert.equal(url.pathname + url.search, '/', `${where}: ${link.url} is not a home page`);
		}
	}
});
