/*
 * Readable, stable URLs: "Förskollärare" becomes `forskollarare`. Names that share a slug are told
 * apart by id, so the result depends only on the data and never on the order it came in.
 */

const special: Record<string, string> = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ð: 'd', þ: 'th', ł: 'l' };

/** Returns the URL slug of a name: lower-case ASCII letters and digits joined by hyphens. */
export function slugify(name: string): string {
	return name
		.toLowerCase()
		.replace(/[æøœßðþł]/g, (char) => special[char] ?? char)
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/**
 * Returns each id's slug. When names collide, the lowest id keeps the plain slug and the others
 * get `-<id>` appended; a name with no letters or digits becomes `<fallback>-<id>`.
 */
export function assignSlugs(
	items: readonly { id: number; namn: string }[],
	fallback = 'yrke'
): Map<number, string> {
	const byId = [...items].sort((a, b) => a.id - b.id);
	const slugs = new Map<number, string>();
	const taken = new Set<string>();

	// Plain slugs first, so a name never loses its plain slug to another name's suffixed one.
	for (const item of byId) {
		const plain = slugify(item.namn);
		if (plain && !taken.has(plain)) {
			taken.add(plain);
			slugs.set(item.id, plain);
		}
	}
	for (const item of byId) {
		if (slugs.has(item.id)) continue;
		const stem = `${slugify(item.namn) || fallback}-${item.id}`;
		let slug = stem;
		for (let n = 2; taken.has(slug); n++) slug = `${stem}-${n}`;
		taken.add(slug);
		slugs.set(item.id, slug);
	}
	return slugs;
}
