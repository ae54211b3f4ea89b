import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readJson, type SnapshotManifest } from '../snapshot.ts';

export interface SnapshotDate {
	/** The day, as `YYYY-MM-DD`. */
	day: string;
	date: Date;
	/** Where the day comes from: the fetch, the newest text, or the list file's time stamp. */
	kind: 'fetched' | 'updated' | 'file';
}

/** Returns the `YYYY-MM-DD` day of a date, in UTC. */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/**
 * Returns the date that names a snapshot: the manifest's fetch time, else (for a snapshot made
 * without a manifest) the newest `metadata.senastUppdaterad` of its records, else the time stamp
 * of its `yrken.json`.
 */
export async function snapshotDate(dir: string, manifest: SnapshotManifest): Promise<SnapshotDate> {
	const fetched = manifest.fetchedAt ? new Date(manifest.fetchedAt) : undefined;
	if (fetched && !Number.isNaN(fetched.getTime())) {
		return { day: isoDay(fetched), date: fetched, kind: 'fetched' };
	}

	const list = (await readJson(path.join(dir, 'yrken.json'))) as { id: number }[];
	let newest: Date | undefined;
	for (const { id } of list) {
		try {
			const record = (await readJson(path.join(dir, 'yrken', `${id}.json`))) as {
				metadata?: { senastUppdaterad?: string | null } | null;
			};
			// The API writes local dates without a zone; only the day counts here.
			const day = /^\d{4}-\d{2}-\d{2}/.exec(record.metadata?.senastUppdaterad ?? '')?.[0];
			const updated = new Date(`${day}T00:00:00Z`);
			if (!Number.isNaN(updated.getTime()) && (!newest || updated > newest)) newest = updated;
		} catch {
			// A missing or broken record is the build's to report; it just gives no date here.
		}
	}
	if (newest) return { day: isoDay(newest), date: newest, kind: 'updated' };

	const { mtime } = await stat(path.join(dir, 'yrken.json'));
	return { day: isoDay(mtime), date: mtime, kind: 'file' };
}
