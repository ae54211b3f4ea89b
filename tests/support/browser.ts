import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

/** Debian's Chromium, which these machines install because Playwright cannot download one. */
export const systemChromium = '/usr/bin/chromium';

/** Flags that keep a headless Chromium quiet on a machine with no outside network. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Returns a launched headless Chromium: Debian's when present, else Playwright's own. */
export async function launchBrowser(): Promise<Browser> {
	const executablePath = existsSync(systemChromium) ? systemChromium : undefined;
	return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}
