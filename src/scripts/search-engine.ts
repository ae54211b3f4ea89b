/*
 * The two search engines behind one interface: Pagefind over http (full text, Swedish
 * stemming), and the local index when Pagefind cannot load (a page opened from disk). The local
 * index also provides the typo suggestions in both cases.
 */

import {
	knowsWord,
	localIndexGlobal,
	queryForms,
	searchLocal,
	suggest,
	type LocalIndex,
} from '../lib/search-index.ts';
import { areaFilter, metaWeights } from '../lib/search-meta.ts';
import { fold, foldedWords } from '../lib/search-text.ts';

/** One result, ready to show. */
export interface Hit {
	url: string;
	name: string;
	areas: string[];
	/** Text with `<mark>`ed matches, as pieces: odd indexes are marked. */
	excerpt: string[];
}

/** The answer to one query. */
export interface Outcome {
	query: string;
	hits: Hit[];
	/** How many results there are in all (more than `hits` when a limit applied). */
	total: number;
	/** For each filter, how many results each value would give without the filters. */
	counts: Record<string, Record<string, number>>;
	/** Names and synonyms the query may have meant, when it found nothing good. */
	suggestions: string[];
}

export interface Engine {
	/** `full` is Pagefind; `local` searches names, synonyms and parts only. */
	kind: 'full' | 'local';
	/** `counts` asks for the filter counts, which cost Pagefind an extra file the first time. */
	search(
		query: string,
		filters: Record<string, string>,
		limit: number,
		counts?: boolean
	): Promise<Outcome>;
}

interface PagefindData {
	url: string;
	excerpt: string;
	meta: Record<string, string>;
	filters: Record<string, string[]>;
}

interface PagefindResult {
	score: number;
	matchedMetaFields?: string[];
	data(): Promise<PagefindData>;
}

interface PagefindApi {
	options(options: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	filters(): Promise<Record<string, Record<string, number>>>;
	search(
		query: string,
		options?: { filters?: Record<string, string> }
	): Promise<{
		results: PagefindResult[];
		totalFilters: Record<string, Record<string, number>>;
	} | null>;
}

const decoder = document.createElement('textarea');

/**
 * Returns how a result matched: its name (or a part of it) above its synonyms, above a part of
 * a synonym, above the text alone. Pagefind's score orders results within a tier.
 */
function tier(result: PagefindResult): number {
	const fields = result.matchedMetaFields ?? [];
	if (fields.includes('title') || fields.includes('namndelar')) return 3;
	if (fields.includes('synonymer')) return 2;
	return fields.includes('delar') ? 1 : 0;
}

/** Returns Pagefind's excerpt (escaped text with `<mark>` tags) as plain pieces. */
function excerptPieces(html: string): string[] {
	return html.split(/<\/?mark>/).map((piece) => {
		decoder.innerHTML = piece;
		return decoder.value;
	});
}

/** Returns a loader that loads the local index once, by a classic script (works from disk). */
export function localIndexLoader(root: URL): () => Promise<LocalIndex> {
	let loading: Promise<LocalIndex> | undefined;
	return () =>
		(loading ??= new Promise((resolve, reject) => {
			const script = document.createElement('script');
			script.src = new URL('_search/local-index.js', root).href;
			script.onload = () => {
				const index = (window as unknown as Record<string, LocalIndex | undefined>)[localIndexGlobal];
				if (index) resolve(index);
				else reject(new Error('The local search index is empty.'));
			};
			script.onerror = () => reject(new Error(`Could not load ${script.src}.`));
			document.head.append(script);
		}));
}

/**
 * Returns true when some result's name, synonyms or compound parts contain every word of the
 * query: a good match, which needs no "Menade du …?".
 */
function matchesTitles(query: string, data: PagefindData[]): boolean {
	const forms = foldedWords(query).map(queryForms);
	return data.some((item) => {
		const { title = '', synonymer = '', namndelar = '', delar = '' } = item.meta;
		const text = fold(`${title} ${synonymer} ${namndelar} ${delar}`);
		return forms.every((wordForms) => wordForms.some((form) => text.includes(form)));
	});
}

/** Returns suggestions for a query whose words the names and synonyms do not know. */
async function suggestionsFor(
	query: string,
	found: number,
	loadIndex: () => Promise<LocalIndex>
): Promise<string[]> {
	const words = foldedWords(query);
	if (words.length === 0) return [];
	let index: LocalIndex;
	try {
		index = await loadIndex();
	} catch {
		return [];
	}
	if (found > 0 && words.every((word) => knowsWord(index, word))) return [];
	const whole = suggest(index, query);
	if (whole.length > 0 || words.length === 1) return whole;
	// A longer query: suggest for its words one by one, keeping the ones that were right.
	const fixed = words.map((word) => (knowsWord(index, word) ? word : suggest(index, word, 1)[0]));
	return fixed.every(Boolean) ? [fixed.join(' ')] : [];
}

/** Returns the Pagefind engine, or throws when Pagefind cannot load (as from `file:`). */
export async function pagefindEngine(
	root: URL,
	loadIndex: () => Promise<LocalIndex>
): Promise<Engine> {
	const url = new URL('pagefind/pagefind.js', root).href;
	const pagefind = (await import(/* @vite-ignore */ url)) as PagefindApi;
	await pagefind.options({
		// Result URLs are site-relative; the root carries the base path the site is served under.
		baseUrl: root.pathname,
		excerptLength: 22,
		ranking: { metaWeights },
		// On a site of a few hundred pages a search takes milliseconds on the main thread; the
		// worker would cost its own script (12 KB gzip) on the first search.
		noWorker: true,
	});
	await pagefind.init();
	let filtersLoaded: Promise<unknown> | undefined;
	return {
		kind: 'full',
		async search(query, filters, limit, counts = false) {
			// Pagefind counts filter values only once its filter index is loaded.
			if (counts || Object.keys(filters).length > 0) await (filtersLoaded ??= pagefind.filters());
			const response = await pagefind.search(query, {
				filters: Object.keys(filters).length > 0 ? filters : undefined,
			});
			const results = (response?.results ?? [])
				.map((result, position) => ({ result, position, tier: tier(result) }))
				.sort((a, b) => b.tier - a.tier || a.position - b.position)
				.map(({ result }) => result);
			const data = await Promise.all(results.slice(0, limit).map((result) => result.data()));
			return {
				query,
				hits: data.map((item) => ({
					url: item.url,
					name: item.meta.title ?? item.url,
					areas: item.filters[areaFilter] ?? [],
					excerpt: excerptPieces(item.excerpt),
				})),
				total: results.length,
				counts: response?.totalFilters ?? {},
				// The local index (names and synonyms, for suggestions) loads only for a weak
				// match, so a first search that goes well never pays for it.
				suggestions:
					limit > 0 && (results.length === 0 || !matchesTitles(query, data))
						? await suggestionsFor(query, results.length, loadIndex)
						: [],
			};
		},
	};
}

/** Returns the engine over the local index: names, synonyms, compound parts and areas. */
export async function localEngine(
	root: URL,
	loadIndex: () => Promise<LocalIndex>
): Promise<Engine> {
	const index = await loadIndex();
	// From disk a folder link would open a file listing, so links name the index.html.
	const page = (path: string) =>
		new URL(root.protocol === 'file:' ? `${path}index.html` : path, root).href;
	return {
		kind: 'local',
		async search(query, filters, limit) {
			const matches = searchLocal(index, query);
			const counts: Record<string, number> = {};
			for (const match of matches) {
				for (const area of match.record.a) {
					const name = index.areas[area];
					counts[name] = (counts[name] ?? 0) + 1;
				}
			}
			const wanted = filters[areaFilter];
			const filtered = wanted
				? matches.filter((match) => match.record.a.some((area) => index.areas[area] === wanted))
				: matches;
			return {
				query,
				hits: filtered.slice(0, limit).map((match) => ({
					url: page(match.record.p),
					name: match.record.n,
					areas: match.record.a.map((area) => index.areas[area]),
					excerpt: match.synonyms.length > 0 ? [`Även: ${match.synonyms.join(', ')}`] : [],
				})),
				total: filtered.length,
				counts: { [areaFilter]: counts },
				suggestions: limit > 0 ? await suggestionsFor(query, matches.length, loadIndex) : [],
			};
		},
	};
}
