/**
 * Runs `task` for every item with at most `limit` running at once, and returns when all have
 * settled. A task's rejection stops the others from starting and is rethrown; so is an abort.
 */
export async function eachLimited<T>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<void>,
	signal?: AbortSignal
): Promise<void> {
	let next = 0;
	let failure: { error: unknown } | undefined;
	async function worker() {
		while (next < items.length && !failure && !signal?.aborted) {
			const index = next++;
			try {
				await task(items[index] as T, index);
			} catch (error) {
				failure ??= { error };
			}
		}
	}
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	if (failure) throw failure.error;
	signal?.throwIfAborted();
}
