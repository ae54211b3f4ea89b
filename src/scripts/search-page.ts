/*
 * The search page, loaded on first use by search-boot.ts as page.js (with the header field it
 * shares a page with): results for the query in the URL (?q=, &omrade=, &utbildning=), the
 * filters with their counts, and "Visa fler". The URL changes with the query, so a search can be
 * shared and the back button returns to the previous one.
 */

import { areaFilter, educationFilter } from '../lib/search-meta.ts';
import type { Engine, Outcome } from './search-engine.ts';
import {
	countText,
	debounce,
	engine,
	highlight,
	hitDetails,
	marked,
	offlineNote,
	searchPageUrl,
	setupFields,
} from './search-field.ts';

/** Runs the search page: query and filters from the URL, results with filter counts. */
function setupPage(section: HTMLElement): void {
	const form = section.querySelector<HTMLFormElement>('form');
	const input = section.querySelector<HTMLInputElement>('[data-search-page-input]');
	const filterBox = section.querySelector<HTMLElement>('[data-search-filters]');
	const results = section.querySelector<HTMLOListElement>('[data-search-results]');
	const status = section.querySelector<HTMLElement>('[data-search-status]');
	const suggestBox = section.querySelector<HTMLElement>('[data-search-suggestions]');
	const note = section.querySelector<HTMLElement>('[data-search-note]');
	const moreButton = section.querySelector<HTMLButtonElement>('[data-search-more]');
	if (!form || !input || !filterBox || !results || !status || !suggestBox || !note || !moreButton) {
		return;
	}
	const pageTitle = document.title;
	let filtersOpen = matchMedia('(min-width: 50rem)').matches;
	let filters: Record<string, string> = {};
	let limit = 20;
	let sequence = 0;

	const readUrl = () => {
		const params = new URLSearchParams(location.search);
		input.value = params.get('q') ?? '';
		filters = {};
		const area = params.get('omrade');
		const level = params.get('utbildning');
		if (area) filters[areaFilter] = area;
		if (level) filters[educationFilter] = level;
		limit = 20;
	};
	const writeUrl = (push: boolean) => {
		const url = searchPageUrl(input.value.trim(), filters);
		if (url === location.href) return;
		if (push) history.pushState(null, '', url);
		else history.replaceState(null, '', url);
	};

	const filterGroup = (
		key: string,
		legendText: string,
		counts: Record<string, number>,
		all: number
	): HTMLFieldSetElement | null => {
		const values = Object.entries(counts)
			.filter(([value, count]) => count > 0 || filters[key] === value)
			.sort(([a], [b]) => a.localeCompare(b, 'sv'));
		if (values.length === 0) return null;
		const fieldset = document.createElement('fieldset');
		fieldset.className = 'search-filter';
		const legend = document.createElement('legend');
		legend.textContent = legendText;
		fieldset.append(legend);
		for (const [value, count] of [['', all] as [string, number], ...values]) {
			const label = document.createElement('label');
			const radio = document.createElement('input');
			radio.type = 'radio';
			radio.name = key === areaFilter ? 'omrade' : 'utbildning';
			radio.value = value;
			radio.checked = (filters[key] ?? '') === value;
			radio.addEventListener('change', () => {
				if (value) filters[key] = value;
				else delete filters[key];
				limit = 20;
				writeUrl(true);
				void run();
			});
			label.append(radio, ` ${value || 'Alla'} `);
			const number = document.createElement('span');
			number.className = 'search-filter-count';
			number.textContent = `(${count})`;
			label.append(number);
			fieldset.append(label);
		}
		return fieldset;
	};

	const render = (outcome: Outcome, kind: Engine['kind'], all: number) => {
		const { query, hits, total, counts, suggestions } = outcome;
		results.replaceChildren();
		for (const hit of hits) {
			const item = document.createElement('li');
			const heading = document.createElement('h2');
			const link = document.createElement('a');
			link.href = hit.url;
			link.append(marked('span', 'search-hit-name', highlight(hit.name, query)));
			heading.append(link);
			item.append(heading, ...hitDetails(hit, query, 'p'));
			results.append(item);
		}
		moreButton.hidden = total <= hits.length;

		const groups = [
			filterGroup(areaFilter, 'Yrkesområde', counts[areaFilter] ?? {}, all),
			filterGroup(educationFilter, 'Utbildningsnivå', counts[educationFilter] ?? {}, all),
		].filter((group): group is HTMLFieldSetElement => group !== null);
		// Folded away on a narrow screen, where twenty areas would push the results out of view.
		const details = document.createElement('details');
		details.open = filtersOpen;
		details.addEventListener('toggle', () => (filtersOpen = details.open));
		const summary = document.createElement('summary');
		summary.textContent = Object.keys(filters).length > 0 ? 'Filter (valt)' : 'Filter';
		details.append(summary, ...groups);
		filterBox.replaceChildren(details);
		filterBox.hidden = groups.length === 0 || !query;

		suggestBox.replaceChildren();
		if (suggestions.length > 0) {
			suggestBox.append('Menade du ');
			for (const [index, suggestion] of suggestions.entries()) {
				if (index > 0) suggestBox.append(index === suggestions.length - 1 ? ' eller ' : ', ');
				const link = document.createElement('a');
				link.href = searchPageUrl(suggestion);
				link.textContent = suggestion;
				link.addEventListener('click', (event) => {
					event.preventDefault();
					input.value = suggestion;
					filters = {};
					writeUrl(true);
					void run();
				});
				suggestBox.append(link);
			}
			suggestBox.append('?');
		}
		suggestBox.hidden = suggestions.length === 0;
		note.textContent = kind === 'local' ? offlineNote : '';
		note.hidden = kind !== 'local';
		status.textContent = query ? `${countText(total)} för ”${query}”.` : '';
		section.dataset.query = query;
		document.title = query ? `Sök: ${query} – ${pageTitle}` : pageTitle;
	};

	const run = async () => {
		const query = input.value.trim();
		const mine = ++sequence;
		if (!query) {
			results.replaceChildren();
			filterBox.hidden = true;
			suggestBox.hidden = true;
			moreButton.hidden = true;
			status.textContent = '';
			return;
		}
		const current = await engine();
		const outcome = await current.search(query, filters, limit, true);
		// The "Alla" count is the query without filters.
		const all =
			Object.keys(filters).length > 0
				? (await current.search(query, {}, 0, true)).total
				: outcome.total;
		if (mine === sequence) render(outcome, current.kind, all);
	};
	const typed = debounce(() => {
		limit = 20;
		writeUrl(false);
		void run();
	}, 200);

	input.addEventListener('input', typed);
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		limit = 20;
		writeUrl(true);
		void run();
	});
	moreButton.addEventListener('click', () => {
		limit += 20;
		void run();
	});
	window.addEventListener('popstate', () => {
		readUrl();
		void run();
	});

	readUrl();
	void run();
}

setupFields();
for (const section of document.querySelectorAll<HTMLElement>('[data-search-page]')) setupPage(section);
// Start loading the engine at once: whoever loaded this script is about to search.
void engine();
