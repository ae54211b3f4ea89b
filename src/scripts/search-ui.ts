/*
 * The search field and the search page, loaded on first use by search-boot.ts. The header field
 * is a combobox: results appear as you type, arrow keys move through them, Enter opens one and
 * Escape closes the list. The search page keeps its query and filters in the URL.
 */

import { queryForms } from '../lib/search-index.ts';
import { areaFilter, educationFilter } from '../lib/search-meta.ts';
import { fold, foldedWords } from '../lib/search-text.ts';
import {
	localEngine,
	localIndexLoader,
	pagefindEngine,
	type Engine,
	type Hit,
	type Outcome,
} from './search-engine.ts';

const root = new URL('../', (document.currentScript as HTMLScriptElement).src);
const loadIndex = localIndexLoader(root);
const offlineNote =
	'Utan webbserver söks bara i yrkesnamn och andra benämningar. ' +
	'Sökning i hela texterna kräver att webbplatsen visas via http.';

let loadingEngine: Promise<Engine> | undefined;

/** Returns the engine, loading it on the first call: Pagefind when it can, else the local index. */
function engine(): Promise<Engine> {
	return (loadingEngine ??= (async () => {
		if (root.protocol !== 'file:') {
			try {
				return await pagefindEngine(root, loadIndex);
			} catch {
				// Pagefind did not load (blocked or missing); the local index still answers.
			}
		}
		return localEngine(root, loadIndex);
	})());
}

/** Returns the URL of the search page for a query, which works from disk as well. */
function searchPageUrl(query: string, filters: Record<string, string> = {}): string {
	const url = new URL(root.protocol === 'file:' ? 'sok/index.html' : 'sok/', root);
	if (query) url.searchParams.set('q', query);
	if (filters[areaFilter]) url.searchParams.set('omrade', filters[areaFilter]);
	if (filters[educationFilter]) url.searchParams.set('utbildning', filters[educationFilter]);
	return url.href;
}

/** Returns `text` as pieces whose odd indexes match a word of the query (diacritics ignored). */
function highlight(text: string, query: string): string[] {
	const chars = [...text];
	const folded = chars.map((char) => fold(char)[0] ?? char).join('');
	const marked = new Array<boolean>(chars.length).fill(false);
	for (const word of foldedWords(query)) {
		for (const form of queryForms(word)) {
			let at = folded.indexOf(form);
			if (at < 0) continue;
			while (at >= 0) {
				for (let i = at; i < at + form.length; i++) marked[i] = true;
				at = folded.indexOf(form, at + form.length);
			}
			break;
		}
	}
	const pieces: string[] = [''];
	for (const [index, char] of chars.entries()) {
		if (marked[index] !== (pieces.length % 2 === 0)) pieces.push('');
		pieces[pieces.length - 1] += char;
	}
	return pieces;
}

/** Returns an element holding pieces of text, the odd ones in `<mark>`. */
function marked(tag: string, className: string, pieces: string[]): HTMLElement {
	const element = document.createElement(tag);
	element.className = className;
	for (const [index, piece] of pieces.entries()) {
		if (!piece) continue;
		if (index % 2 === 1) {
			const mark = document.createElement('mark');
			mark.textContent = piece;
			element.append(mark);
		} else {
			element.append(piece);
		}
	}
	return element;
}

/** Returns the excerpt to show: Pagefind's, or the query marked in it when Pagefind marked nothing. */
function excerptOf(hit: Hit, query: string): string[] {
	if (hit.excerpt.length !== 1) return hit.excerpt;
	return highlight(hit.excerpt[0], query);
}

function countText(count: number): string {
	if (count === 0) return 'Inga träffar';
	return count === 1 ? '1 träff' : `${count} träffar`;
}

/** Returns a function that calls `action` once calls have paused for `ms` milliseconds. */
function debounce(action: () => void, ms: number): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return () => {
		clearTimeout(timer);
		timer = setTimeout(action, ms);
	};
}

let uniqueId = 0;

/** Turns the header field into a combobox with results as you type. */
function setupField(wrapper: HTMLElement): void {
	const form = wrapper.querySelector<HTMLFormElement>('form[data-search-form]');
	const input = wrapper.querySelector<HTMLInputElement>('[data-search-input]');
	if (!form || !input || input.dataset.searchReady) return;
	input.dataset.searchReady = 'true';
	const id = `sok-${++uniqueId}`;

	const popup = document.createElement('div');
	popup.className = 'search-popup';
	popup.hidden = true;
	const message = document.createElement('p');
	message.className = 'search-message';
	const list = document.createElement('div');
	list.id = `${id}-lista`;
	list.className = 'search-results';
	list.setAttribute('role', 'listbox');
	list.setAttribute('aria-label', 'Sökresultat');
	const note = document.createElement('p');
	note.className = 'search-note';
	note.hidden = true;
	popup.append(message, list, note);
	const status = document.createElement('p');
	status.className = 'visually-hidden';
	status.setAttribute('role', 'status');
	wrapper.append(popup, status);

	input.setAttribute('role', 'combobox');
	input.setAttribute('aria-autocomplete', 'list');
	input.setAttribute('aria-expanded', 'false');
	input.setAttribute('aria-controls', list.id);

	let options: HTMLAnchorElement[] = [];
	let active = -1;
	let sequence = 0;
	let announced = '';
	const announce = debounce(() => (status.textContent = announced), 350);

	const open = () => {
		popup.hidden = false;
		input.setAttribute('aria-expanded', 'true');
	};
	const close = () => {
		popup.hidden = true;
		input.setAttribute('aria-expanded', 'false');
		select(-1);
	};
	const select = (index: number) => {
		active = index;
		for (const [position, option] of options.entries()) {
			option.setAttribute('aria-selected', String(position === index));
		}
		if (index >= 0) {
			input.setAttribute('aria-activedescendant', options[index].id);
			options[index].scrollIntoView({ block: 'nearest' });
		} else {
			input.removeAttribute('aria-activedescendant');
		}
	};
	const option = (href: string, className: string): HTMLAnchorElement => {
		const element = document.createElement('a');
		element.id = `${id}-val-${options.length}`;
		element.href = href;
		element.className = className;
		element.tabIndex = -1;
		element.setAttribute('role', 'option');
		element.setAttribute('aria-selected', 'false');
		options.push(element);
		return element;
	};

	const render = (outcome: Outcome, kind: Engine['kind']) => {
		options = [];
		list.replaceChildren();
		const { query, hits, total, suggestions } = outcome;
		// A suggestion goes first: when the query has a typo, it is the likeliest next step.
		for (const suggestion of suggestions) {
			const element = option(searchPageUrl(suggestion), 'search-suggestion');
			element.dataset.suggestion = suggestion;
			const strong = document.createElement('strong');
			strong.textContent = suggestion;
			element.append('Menade du ', strong, '?');
			list.append(element);
		}
		for (const hit of hits) {
			const element = option(hit.url, 'search-hit');
			element.append(marked('span', 'search-hit-name', highlight(hit.name, query)));
			if (hit.areas.length > 0) {
				const area = document.createElement('span');
				area.className = 'search-hit-area';
				area.textContent = hit.areas.join(', ');
				element.append(area);
			}
			const excerpt = excerptOf(hit, query);
			if (excerpt.some(Boolean)) element.append(marked('span', 'search-hit-excerpt', excerpt));
			list.append(element);
		}
		if (total > hits.length) {
			const more = option(searchPageUrl(query), 'search-more');
			more.textContent = `Visa alla ${total} träffar`;
			list.append(more);
		}
		message.textContent = total === 0 ? `Inga träffar för ”${query}”.` : '';
		message.hidden = total > 0;
		note.textContent = kind === 'local' ? offlineNote : '';
		note.hidden = kind !== 'local';
		select(-1);
		open();
		// Marks which query the list shows, for tests and for anyone styling a stale list.
		popup.dataset.query = query;
		announced =
			countText(total) +
			(suggestions.length > 0 ? `. Menade du ${suggestions.join(' eller ')}?` : '');
		announce();
	};

	const run = async () => {
		const query = input.value.trim();
		const mine = ++sequence;
		if (!query) {
			close();
			announced = '';
			announce();
			return;
		}
		if (!loadingEngine || popup.hidden) {
			message.textContent = 'Söker …';
			message.hidden = false;
		}
		const current = await engine();
		const outcome = await current.search(query, {}, 8);
		if (mine === sequence && input.value.trim() === query) render(outcome, current.kind);
	};

	const activate = (element: HTMLAnchorElement) => {
		const suggestion = element.dataset.suggestion;
		if (suggestion !== undefined) {
			input.value = suggestion;
			input.focus();
			void run();
		} else {
			location.href = element.href;
		}
	};

	// No debounce: Pagefind answers in a worker, and a stale answer is dropped by `sequence`.
	input.addEventListener('input', () => void run());
	input.addEventListener('focus', () => {
		if (input.value.trim()) void run();
	});
	input.addEventListener('keydown', (event) => {
		if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
			event.preventDefault();
			if (popup.hidden) {
				void run();
				return;
			}
			if (options.length === 0) return;
			const step = event.key === 'ArrowDown' ? 1 : -1;
			select(active < 0 && step < 0 ? options.length - 1 : (active + step + options.length) % options.length);
		} else if (event.key === 'Enter' && active >= 0 && !popup.hidden) {
			event.preventDefault();
			activate(options[active]);
		} else if (event.key === 'Escape' && !popup.hidden) {
			// The first Escape closes the list; the browser's own (clearing the field) comes next.
			event.preventDefault();
			close();
		}
	});
	list.addEventListener('click', (event) => {
		const target = (event.target as Element).closest<HTMLAnchorElement>('a[data-suggestion]');
		if (target) {
			event.preventDefault();
			activate(target);
		}
	});
	// Clicks on options would otherwise blur the field and close the list before they land.
	list.addEventListener('mousedown', (event) => event.preventDefault());
	wrapper.addEventListener('focusout', (event) => {
		if (!wrapper.contains(event.relatedTarget as Node | null)) close();
	});

	if (document.activeElement === input) void run();
}

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
			item.append(heading);
			if (hit.areas.length > 0) {
				const area = document.createElement('p');
				area.className = 'search-hit-area';
				area.textContent = hit.areas.join(', ');
				item.append(area);
			}
			const excerpt = excerptOf(hit, query);
			if (excerpt.some(Boolean)) item.append(marked('p', 'search-hit-excerpt', excerpt));
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

for (const wrapper of document.querySelectorAll<HTMLElement>('[data-search]')) setupField(wrapper);
for (const section of document.querySelectorAll<HTMLElement>('[data-search-page]')) setupPage(section);
// Start loading the engine at once: whoever loaded this script is about to search.
void engine();
