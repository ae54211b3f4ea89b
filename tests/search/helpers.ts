import type { Page } from 'playwright';
import { metaWeights } from '../../src/lib/search-meta.ts';

/** What the header field showed for one query. */
export interface FieldResult {
	names: string[];
	suggestions: string[];
	/** Milliseconds from focusing the field to the list showing this query's results. */
	ms: number;
}

/**
 * Returns what the header search field shows for `query`, typed in one go (as a paste), once the
 * list shows that query's results.
 */
export async function searchField(page: Page, query: string): Promise<FieldResult> {
	return page.evaluate(async (wanted) => {
		const input = document.querySelector<HTMLInputElement>('[data-search-input]');
		if (!input) throw new Error('The page has no search field.');
		document.querySelector<HTMLElement>('.search-popup')?.removeAttribute('data-query');
		const started = performance.now();
		input.focus();
		input.value = wanted;
		input.dispatchEvent(new Event('input', { bubbles: true }));
		const popup = await new Promise<HTMLElement>((resolve, reject) => {
			const poll = () => {
				const shown = document.querySelector<HTMLElement>('.search-popup');
				if (shown && shown.dataset.query === wanted && !shown.hidden) resolve(shown);
				else if (performance.now() - started > 20_000) reject(new Error(`No list for "${wanted}".`));
				else setTimeout(poll, 2);
			};
			poll();
		});
		const ms = performance.now() - started;
		return {
			ms,
			names: [...popup.querySelectorAll('.search-hit .search-hit-name')].map((node) => node.textContent ?? ''),
			suggestions: [...popup.querySelectorAll<HTMLElement>('[data-suggestion]')].map(
				(node) => node.dataset.suggestion ?? ''
			),
		};
	}, query);
}

/**
 * Returns the names of the first `count` Pagefind results for each query, asked through
 * Pagefind's API with the options the site's field uses, for judging many queries quickly.
 */
export async function pagefindNames(
	page: Page,
	queries: string[],
	count: number
): Promise<string[][]> {
	return page.evaluate(
		async ({ queries, count, weights }) => {
			const root = new URL('./', document.baseURI);
			const pagefind = await import(new URL('pagefind/pagefind.js', root).href);
			await pagefind.options({ ranking: { metaWeights: weights } });
			const all: string[][] = [];
			for (const query of queries) {
				const response = await pagefind.search(query);
				const data = await Promise.all(
					response.results.slice(0, count).map((result: { data(): Promise<unknown> }) => result.data())
				);
				all.push(data.map((item: { meta: { title: string } }) => item.meta.title));
			}
			return all;
		},
		{ queries, count, weights: metaWeights as Record<string, number> }
	);
}
