import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import path from 'node:path';
import { displayPath, formatDuration, startProgress } from '../../src/lib/progress.ts';

/** Returns a stream that keeps what is written to it. */
function collector(): Writable & { text: () => string } {
	const chunks: string[] = [];
	const stream = new Writable({
		write(chunk, _encoding, done) {
			chunks.push(String(chunk));
			done();
		},
	});
	return Object.assign(stream, { text: () => chunks.join('') });
}

test('off a terminal it prints a plain status line every interval, then the summary', async () => {
	const stream = collector();
	const summaryStream = collector();
	const progress = startProgress('Working', 4, {
		stream,
		summaryStream,
		tty: false,
		intervalMs: 20,
	});

	progress.advance(3);
	await new Promise((resolve) => setTimeout(resolve, 70));
	progress.log('One item needed a second try.');
	progress.finish('Did 4 things in 0.1 s.');
	await new Promise((resolve) => setTimeout(resolve, 50));

	const lines = stream.text().trim().split('\n');
	assert.ok(lines.length >= 3, stream.text());
	assert.match(lines[0] as string, /^Working: 3\/4 \(75%\), \d+ ms$/);
	assert.ok(lines.includes('One item needed a second try.'));
	assert.ok(!stream.text().includes('\r'), 'no bar off a terminal');
	assert.equal(summaryStream.text(), 'Did 4 things in 0.1 s.\n');
	const after = stream.text();
	await new Promise((resolve) => setTimeout(resolve, 50));
	assert.equal(stream.text(), after, 'no status lines after finish');
});

test('on a terminal it redraws one bar in place and clears it for messages and the summary', () => {
	const stream = collector();
	const summaryStream = collector();
	const progress = startProgress('Working', 2, { stream, summaryStream, tty: true });

	progress.advance();
	progress.log('A message.');
	progress.advance();
	progress.finish();

	const text = stream.text();
	assert.match(text, /^\r\x1b\[2K░{24} Working: 0\/2 \(0%\)/);
	assert.match(text, /\r\x1b\[2KA message\.\n\r\x1b\[2K█{12}░{12} Working: 1\/2 \(50%\)/);
	assert.match(text, /█{24} Working: 2\/2 \(100%\), \d+ ms\r\x1b\[2K$/);
	assert.equal(summaryStream.text(), '', 'finish without a summary prints none');
});

test('durations read as milliseconds, seconds or minutes', () => {
	assert.equal(formatDuration(850.4), '850 ms');
	assert.equal(formatDuration(4140), '4.1 s');
	assert.equal(formatDuration(125_000), '2 min 5 s');
});

test('paths are shown relative when inside the current folder, else absolute', () => {
	assert.equal(
		displayPath(path.join(process.cwd(), 'data', 'snapshot')),
		path.join('data', 'snapshot')
	);
	assert.equal(displayPath(path.dirname(process.cwd())), path.dirname(process.cwd()));
	assert.equal(displayPath('/elsewhere/snapshot'), path.resolve('/elsewhere/snapshot'));
});
