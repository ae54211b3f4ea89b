/*
 * The search of every page but the search page, loaded on first use by search-boot.ts as ui.js:
 * the header field alone, so the first search does not pay for the search page's code.
 */

import { engine, setupFields } from './search-field.ts';

setupFields();
// Start loading the engine at once: whoever loaded this script is about to search.
void engine();
