// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import headers from './src/integrations/headers.ts';
import pagefindSearch from './src/integrations/pagefind.ts';

const site = process.env.YRKESINFO_SITE_URL || undefined;
const base = process.env.YRKESINFO_BASE_PATH || '/';
// Tests, the benchmark and the archive build into folders of their own, so that several builds
// (and their content caches) never share one directory.
const outDir = process.env.YRKESINFO_OUT_DIR || './dist';

export default defineConfig({
	site,
	base,
	outDir,
	cacheDir: process.env.YRKESINFO_OUT_DIR ? `${outDir}.cache` : './node_modules/.astro',
	trailingSlash: 'always',
	// Styles stay in external files, so the Content-Security-Policy can say `style-src 'self'`.
	build: { format: 'directory', inlineStylesheets: 'never' },
	// headers() comes last, so the folders the others write get their caching rules too.
	integrations: [...(site ? [sitemap()] : []), pagefindSearch(), headers()],
	devToolbar: { enabled: false },
});
