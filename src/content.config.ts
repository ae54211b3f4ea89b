import { defineCollection } from 'astro:content';
import { snapshotLoader } from './lib/loader.ts';
import { occupationEntrySchema } from './lib/schema.ts';

const occupations = defineCollection({
	loader: snapshotLoader(),
	schema: occupationEntrySchema,
});

export const collections = { occupations };
