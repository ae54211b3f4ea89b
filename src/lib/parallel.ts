/*
 * Bounded concurrency for file work at build time: many files at once keep the disk and the event
 * loop busy, but a bounded number keeps memory and open file handles flat as the corpus grows.
 */

/**
 * Returns `work` applied to every item, in the items' order, with at most `limit` calls running
 * at once; rejects with the first error.
 */
export async function mapConcurrent<T, R>(
	items: readonly T[],
	limit: number,
	work: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		for (let index = next++; index < items.length; index = next++) {
			results[index] = await work(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return results;
}
