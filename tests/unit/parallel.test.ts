import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'node:test';
import { mapConcurrent } from '../../src/lib/parallel.ts';

test('results keep the order of the items, whichever call finishes first', async () => {
	const delays = [30, 5, 20, 0, 10];
	const results = await mapConcurrent(delays, 3, async (delay, index) => {
		await sleep(delay);
		return `${index}:${delay}`;
	});
	assert.deepEqual(results, ['0:30', '1:5', '2:20', '3:0', '4:10']);
});

test('no more than the limit run at once, and the limit is reached', async () => {
	let running = 0;
	let most = 0;
	await mapConcurrent(Array.from({ length: 20 }, (_, index) => index), 4, async (index) => {
		running++;
		most = Math.max(most, running);
		await sleep(index % 3);
		running--;
	});
	assert.equal(most, 4);
});

test('the first error rejects the whole map, and an empty list gives an empty result', async () => {
	await assert.rejects(
		mapConcurrent([1, 2, 3], 2, async (item) => {
			if (item === 2) throw new Error('item 2 failed');
			return item;
		}),
		/item 2 failed/
	);
	assert.deepEqual(await mapConcurrent([], 8, async () => 1), []);
});
