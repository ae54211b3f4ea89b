import type { Loader } from 'astro/loaders';
import { unsafeLinks } from './occupations.ts';
import { mapConcurrent } from './parallel.ts';
import { occupationListSchema, type OccupationEntry } from './schema.ts';
import { occupationFile, readJson, resolveSnapshot } from './snapshot.ts';

/**
 * Returns a content loader that reads every occupation of the chosen snapshot, joined with its
 * entry from the list. Records are validated by the collection's schema; one that fails is
 * reported by id and field and left out. Links that are not http(s) are reported too; the pages
 * leave them out.
 */
export function snapshotLoader(): Loader {
	return {
		name: 'yrkesinfo-snapshot',
		load: async ({ store, logger, parseData }) => {
			const { dir, source } = resolveSnapshot();
			const started = performance.now();
			logger.info(`Reading snapshot ${dir} (${source}).`);

			const list = occupationListSchema.parse(await readJson(`${dir}/yrken.json`));
			if (list.length === 0) logger.warn(`${dir}/yrken.json lists no occupations.`);

			// Files are read several at a time (one after another leaves the disk and the event loop
			// idle in turn); records are still validated and stored in the list's order.
			const details = await mapConcurrent(list, 32, (summary) =>
				readJson(occupationFile(dir, summary.id)).then(
					(detail) => ({ detail }),
					(error: unknown) => ({ error })
				)
			);

			store.clear();
			let skipped = 0;
			let droppedLinks = 0;
			for (const [index, summary] of list.entries()) {
				const file = occupationFile(dir, summary.id);
				try {
					const read = details[index];
					if ('error' in read) throw read.error;
					const detail = read.detail as Record<string, unknown>;
					const data = await parseData({
						id: String(summary.id),
						data: { ...summary, ...detail },
						filePath: file,
					});
					store.set({ id: String(summary.id), data });
					for (const problem of unsafeLinks(data as OccupationEntry)) {
						droppedLinks++;
						logger.warn(`Occupation ${summary.id} (${summary.namn}): ${problem}; it is left out.`);
					}
				} catch (error) {
					skipped++;
					logger.error(`Occupation ${summary.id} (${summary.namn}) was left out: ${String(error)}`);
				}
			}

			const seconds = ((performance.now() - started) / 1000).toFixed(2);
			logger.info(
				`Loaded ${list.length - skipped} occupations (${skipped} left out, ` +
					`${droppedLinks} unsafe links dropped) in ${seconds}s.`
			);
		},
	};
}
