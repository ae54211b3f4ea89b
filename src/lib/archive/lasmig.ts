/*
 * The Swedish read-me that opens the archive: what it is, where the texts come from and when they
 * were fetched, on what terms, and how to open it.
 */
import type { SnapshotManifest } from '../snapshot.ts';
import type { SnapshotDate } from './snapshot-date.ts';

/** The file name of the read-me at the archive's root. */
export const readmeName = 'LASMIG.txt';

/** The source named when a snapshot's manifest does not say where it was fetched from. */
const defaultSource = 'Arbetsförmedlingens API Yrkesinfo (v1), "Yrken A–Ö"';

/** The terms named when a snapshot's manifest carries none of its own. */
const defaultLicence =
	'Texterna och bilderna är Arbetsförmedlingens och hämtades från deras öppna API för ' +
	'yrkesinformation. Villkoren för att återanvända dem bestäms av Arbetsförmedlingen; ' +
	'läs dem hos källan innan du publicerar texterna vidare.';

export interface ReadmeFacts {
	manifest: SnapshotManifest;
	date: SnapshotDate;
	/** How many occupations the archive holds. */
	occupations: number;
	/** The open-data files of the site (JSON, CSV), as paths inside the archive. */
	openData: string[];
}

/** Returns `text` broken into lines of at most `width` characters, at spaces. */
function wrap(text: string, width = 90): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

const longDate = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' });

/** Returns the manifest's own licence text, whichever of the usual keys it uses. */
function manifestLicence(manifest: SnapshotManifest): string | undefined {
	for (const key of ['licence', 'license', 'licens']) {
		const value = manifest[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (value && typeof value === 'object') {
			const { name, url } = value as { name?: unknown; url?: unknown };
			if (typeof name === 'string') return typeof url === 'string' ? `${name} (${url})` : name;
		}
	}
	return undefined;
}

/** Returns the line that says when the texts were fetched, or what is known instead. */
function fetchedLine(date: SnapshotDate): string {
	const day = `${longDate.format(date.date)} (${date.day})`;
	if (date.kind === 'fetched') return `Hämtad: ${day}`;
	if (date.kind === 'updated') {
		return `Hämtad: okänt datum (ögonblicksbilden saknar manifest). Senast ändrade text: ${day}`;
	}
	return `Hämtad: okänt datum (ögonblicksbilden saknar manifest). Filen sparades: ${day}`;
}

/** Returns the text of `LASMIG.txt`, with Windows line endings so every editor shows it right. */
export function readmeText({ manifest, date, occupations, openData }: ReadmeFacts): string {
	const lines = [
		'Yrkesinfo – yrkesbeskrivningar att läsa utan internet',
		'=====================================================',
		'',
		`Det här är en sparad kopia av webbplatsen Yrkesinfo: ${occupations} yrkesbeskrivningar ur`,
		'Arbetsförmedlingens "Yrken A–Ö", med register, yrkesområden och sökning. Allt som behövs',
		'finns i arkivet, så det fungerar utan internet och utan att källan finns kvar.',
		'',
		`Källa: ${typeof manifest.source === 'string' && manifest.source ? manifest.source : defaultSource}`,
		...wrap(fetchedLine(date)),
		'',
		...wrap(`Licens: ${manifestLicence(manifest) ?? defaultLicence}`),
		'',
		'Så öppnar du arkivet',
		'--------------------',
		'1. Packa upp hela zip-filen till en mapp (i Windows: högerklicka och välj "Extrahera alla").',
		'2. Öppna filen index.html i mappen med en webbläsare, till exempel genom att dubbelklicka',
		'   på den eller dra den till ett webbläsarfönster.',
		'3. Sökrutan fungerar även utan internet. Länkar märkta "(utanför arkivet)" leder till andra',
		'   webbplatser och kräver internet.',
		'',
	];
	if (openData.length > 0) {
		const shown = openData.slice(0, 5).map((file) => `  ${file}`);
		if (openData.length > shown.length)
			shown.push(`  … och ${openData.length - shown.length} till`);
		lines.push(
			'Öppna data',
			'----------',
			'Uppgifterna finns också som filer att använda i egna program:',
			...shown,
			''
		);
	}
	return lines.join('\r\n');
}
