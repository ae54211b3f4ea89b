/*
 * The only script a page runs before anyone uses search. It loads the search (ui.js, or page.js
 * on the search page; then Pagefind or the local index) when the field gets focus or someone
 * presses Ctrl/⌘+K, and at once on the search page when it opens with a query. It also shows the
 * shortcut as Apple platforms write it. Classic, so it also runs from `file:`.
 */

const bootSource = (document.currentScript as HTMLScriptElement).src;
const searchPage = document.querySelector('[data-search-page]');
let loaded = false;

function loadSearch(): void {
	if (loaded) return;
	loaded = true;
	const script = document.createElement('script');
	script.src = new URL(searchPage ? 'page.js' : 'ui.js', bootSource).href;
	document.head.append(script);
}

const isField = (target: EventTarget | null) =>
	target instanceof HTMLInputElement && target.matches('[data-search-input],[data-search-page-input]');

document.addEventListener('focusin', (event) => {
	if (isField(event.target)) loadSearch();
});

document.addEventListener('keydown', (event) => {
	// Ctrl/⌘+K only: a single-character shortcut would fire while people type (WCAG 2.1.4).
	if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
	if (event.key.toLowerCase() !== 'k') return;
	const field = document.querySelector<HTMLInputElement>('[data-search-input]');
	if (!field) return;
	event.preventDefault();
	field.focus();
	field.select();
	loadSearch();
});

// The page says "Ctrl K"; Apple keyboards name the key ⌘ ("MacIntel", "iPhone", "iPad").
const hint = document.querySelector('.search-shortcut');
if (hint && /Mac|iP/.test(navigator.platform)) hint.textContent = '⌘K';

if (isField(document.activeElement)) loadSearch();
if (searchPage && new URLSearchParams(location.search).get('q')) loadSearch();
