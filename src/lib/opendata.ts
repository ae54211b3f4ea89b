/*
 * The open-data downloads: the whole snapshot as JSON and one CSV row per occupation.
 */

import type { OccupationEntry } from './schema.ts';
import type { SnapshotManifest } from './snapshot.ts';

/** Returns the snapshot as one JSON document: where it came from, and every record in full. */
export function snapshotJson(
	entries: readonly OccupationEntry[],
	manifest: SnapshotManifest
): string {
	const occupations = [...entries].sort((a, b) => a.id - b.id);
	return `${JSON.stringify(
		{
			source: manifest.source ?? null,
			fetchedAt: manifest.fetchedAt ?? null,
			sample: manifest.sample === true,
			count: occupations.length,
			yrken: occupations,
		},
		null,
		'\t'
	)}\n`;
}

/** Returns one CSV field, quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string | number | null | undefined): string {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's columns, with API field names where a column is one field. */
export const csvColumns = [
	'id',
	'namn',
	'url',
	'yrkesomraden',
	'yrkessynonymer',
	'ssyk',
	'intresseprofil',
	'kortSammanfattning',
	'senastUppdaterad',
];

/**
 * Returns a CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read å, ä and ö)
 * with one row per occupation; lists are joined with "; ".
 */
export function occupationsCsv(
	rows: readonly { entry: OccupationEntry; url: string }[]
): string {
	const lines = [csvColumns.join(',')];
	for (const { entry, url } of rows) {
		const profile = entry.intresseprofil;
		const values = [
			entry.id,
			entry.namn,
			url,
			(entry.yrkesomraden ?? []).join('; '),
			(entry.yrkessynonymer ?? []).join('; '),
			(entry.yrkesgrupperOchBenamningar ?? []).map((group) => group.ssyk).filter(Boolean).join('; '),
			[profile?.primar, profile?.sekundar, profile?.tertiar].filter(Boolean).join(''),
			entry.kortSammanfattning ?? entry.oneliner ?? '',
			entry.metadata?.senastUppdaterad ?? '',
		];
		lines.push(values.map(csvField).join(','));
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
