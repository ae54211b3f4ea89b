/*
 * The only script a page runs before anyone uses search. It loads the search (ui.js, then
 * Pagefind or the local index) when the field gets focus or someone presses Ctrl/⌘+K, and at
 * once on the search page when it opens with a query. Classic, so it also runs from `file:`.
 */

const bootSource = (document.currentScript as HTMLScriptElement).src;
let loaded = false;

function loadSearch(): void {
	if (loaded) return;
	loaded = true;
	const script = document.createElement('script');
	script.src = new URL('ui.js', bootSource).href;
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

if (isField(document.activeElement)) loadSearch();
if (document.querySelector('[data-search-page]') && new URLSearchParams(location.search).get('q')) {
	loadSearch();
}
