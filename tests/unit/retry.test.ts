import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
	bodyErrorCodes,
	defaultRetryPolicy,
	parseRetryAfter,
	retryDelay,
	type RetryPolicy,
} from '../../src/lib/fetch/retry-policy.ts';

const now = Date.parse('2025-03-14T12:00:00Z');
const policy: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 400, maxDelayMs: 10_000 };
const lowest = () => 0;
const highest = () => 1;

test('Retry-After is read as seconds or as an HTTP date', () => {
	assert.equal(parseRetryAfter('3', now), 3000);
	assert.equal(parseRetryAfter(' 0 ', now), 0);
	assert.equal(parseRetryAfter('Fri, 14 Mar 2025 12:00:07 GMT', now), 7000);
	// A date already past means "now", not a negative wait.
	assert.equal(parseRetryAfter('Fri, 14 Mar 2025 11:59:00 GMT', now), 0);
	assert.equal(parseRetryAfter('soon', now), undefined);
	assert.equal(parseRetryAfter('-5', now), undefined);
	assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('a 429 waits as long as its Retry-After asks, given as a date, up to the longest wait', () => {
	const at = (value: string) => ({ statusCode: 429, headers: { 'retry-after': value } });

	assert.equal(retryDelay(at('Fri, 14 Mar 2025 12:00:02 GMT'), 1, policy, now, highest), 2000);
	assert.equal(retryDelay(at('5'), 1, policy, now, highest), 5000);
	assert.equal(retryDelay(at('Fri, 14 Mar 2025 13:00:00 GMT'), 1, policy, now), 10_000);
	assert.equal(
		retryDelay({ statusCode: 503, headers: { 'retry-after': ['1'] } }, 2, policy, now),
		1000
	);
});

test('backoff doubles per retry with jitter between half and all of it, and is capped', () => {
	const failure = { statusCode: 503 };

	assert.equal(retryDelay(failure, 1, policy, now, lowest), 200);
	assert.equal(retryDelay(failure, 1, policy, now, highest), 400);
	assert.equal(retryDelay(failure, 3, policy, now, lowest), 800);
	assert.equal(retryDelay(failure, 3, policy, now, highest), 1600);
	const capped = { ...policy, maxRetries: 20 };
	assert.equal(retryDelay(failure, 10, capped, now, highest), 10_000);
	const delays = new Set(
		Array.from({ length: 20 }, () => retryDelay(failure, 2, policy, now, Math.random))
	);
	assert.ok(delays.size > 1, 'jitter spreads the retries of parallel requests');
});

test('statuses, dropped connections, timeouts and bad bodies are retried', () => {
	for (const statusCode of [429, 500, 502, 503, 504]) {
		assert.notEqual(retryDelay({ statusCode }, 1, policy, now), undefined, `HTTP ${statusCode}`);
	}
	const codes = [
		'ECONNRESET',
		'UND_ERR_SOCKET',
		'UND_ERR_HEADERS_TIMEOUT',
		'UND_ERR_BODY_TIMEOUT',
		'UND_ERR_CONNECT_TIMEOUT',
		bodyErrorCodes.incomplete,
		bodyErrorCodes.notJson,
	];
	for (const code of codes) {
		assert.notEqual(retryDelay({ code }, 1, policy, now), undefined, code);
	}
});

test('what a retry cannot fix is not retried, and retries run out', () => {
	for (const statusCode of [400, 401, 403, 404, 410]) {
		assert.equal(retryDelay({ statusCode, code: 'UND_ERR_REQ_RETRY' }, 1, policy, now), undefined);
	}
	assert.equal(retryDelay({ code: bodyErrorCodes.tooLarge }, 1, policy, now), undefined);
	assert.equal(retryDelay({ code: 'ERR_INVALID_URL' }, 1, policy, now), undefined);
	assert.equal(retryDelay({}, 1, policy, now), undefined);

	assert.notEqual(retryDelay({ statusCode: 503 }, policy.maxRetries, policy, now), undefined);
	assert.equal(retryDelay({ statusCode: 503 }, policy.maxRetries + 1, policy, now), undefined);
});
