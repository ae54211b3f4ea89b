/*
 * The header search field and what the search page shares with it: the engine, links to the
 * search page and how a result is drawn. The field is a combobox: results appear as you type,
 * arrow keys move through them, Enter opens one and Escape closes the list. Bundled into both
 * ui.js (every page) and page.js (the search page), which search-boot.ts loads on first use.
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
/** What the field says when only the local index answers. */
export const offlineNote =
	'Utan webbserver söks bara i yrkesnamn och andra benämningar. ' +
	'Sökning i hela texterna kräver att webbplatsen visas via http.';

let loadingEngine: Promise<Engine> | undefined;

/** Returns the engine, loading it on the first call: Pagefind when it can, else the local index. */
export function engine(): Promise<Engine> {
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
export function searchPageUrl(query: string, filters: Record<string, string> = {}): string {
	const url = new URL(root.protocol === 'file:' ? 'sok/index.html' : 'sok/', root);
	if (query) url.searchParams.set('q', query);
	if (filters[areaFilter]) url.searchParams.set('omrade', filters[areaFilter]);
	if (filters[educationFilter]) url.searchParams.set('utbildning', filters[educationFilter]);
	return url.href;
}

/** Returns `text` as pieces whose odd indexes match a word of the query (diacritics ignored). */
export function highlight(text: string, query: string): string[] {
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
export function marked(tag: string, className: string, pieces: string[]): HTMLElement {
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

/**
 * Returns what a result shows below its name, as `tag` elements: its areas, and its excerpt with
 * the query marked, each left out when empty.
 */
export function hitDetails(hit: Hit, query: string, tag: 'span' | 'p'): HTMLElement[] {
	const details: HTMLElement[] = [];
	if (hit.areas.length > 0) {
		const area = document.createElement(tag);
		area.className = 'search-hit-area';
		area.textContent = hit.areas.join(', ');
		details.push(area);
	}
	const excerpt = excerptOf(hit, query);
	if (excerpt.some(Boolean)) details.push(marked(tag, 'search-hit-excerpt', excerpt));
	return details;
}

/** Returns the number of results in words. */
export function countText(count: number): string {
	if (count === 0) return 'Inga träffar';
	return count === 1 ? '1 träff' : `${count} träffar`;
}

/** Returns a function that calls `action` once calls have paused for `ms` milliseconds. */
export function debounce(action: () => void, ms: number): () => void {
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
			element.append(
				marked('span', 'search-hit-name', highlight(hit.name, query)),
				...hitDetails(hit, query, 'span')
			);
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

	// No debounce: a search takes milliseconds, and a stale answer is dropped by `sequence`.
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

/** Turns every header search field on the page into a combobox. */
export function setupFields(): void {
	for (const wrapper of document.querySelectorAll<HTMLElement>('[data-search]')) setupField(wrapper);
}
