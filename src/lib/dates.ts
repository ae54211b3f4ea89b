/*
 * Dates as a Swedish reader expects them ("27 oktober 2016"). The API writes local times without
 * a zone, so the calendar date is read from the string rather than shifted through a time zone.
 */

const longDate = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' });

/** Returns an ISO date or date-time as a long Swedish date, or null when it is not a date. */
export function formatDate(value: string | null | undefined): string | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.trim() ?? '');
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	// Date.UTC rolls 30 February over into March; such a date is not the one the data meant.
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return longDate.format(date);
}

/** Returns the `YYYY-MM-DD` part of an ISO date, for `<time datetime>`, or null. */
export function isoDate(value: string | null | undefined): string | null {
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(value?.trim() ?? '');
	return match && formatDate(match[1]) ? match[1] : null;
}
