import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
	AuthError,
	createApiClient,
	RequestError,
	type ApiClient,
} from '../../src/lib/fetch/client.ts';
import { defaultRetryPolicy, type RetryPolicy } from '../../src/lib/fetch/retry-policy.ts';
import {
	recoverableFaults,
	relinkImages,
	startMockApi,
	type FaultKind,
	type MockApi,
} from '../support/mock-api.ts';

/*
 * The API client over undici against the mock API: each fault once, then an answer. Retries
 * wait only a few milliseconds here; the policy's waits have unit tests of their own.
 */

const quick: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 2, maxDelayMs: 50 };
let firstId: number;
let source: Record<string, unknown>;

before(async () => {
	const api = await startMockApi();
	const list = JSON.parse(api.body('yrken') as string) as Array<{ id: number }>;
	firstId = (list[0] as { id: number }).id;
	source = JSON.parse(readFileSync(path.join(api.dir, 'yrken', `${firstId}.json`), 'utf8'));
	await api.close();
});

const servers: MockApi[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** Returns a started mock API and a client of it. */
async function setUp(
	options: Parameters<typeof startMockApi>[0] = {},
	secret?: string
): Promise<{ api: MockApi; client: ApiClient }> {
	const api = await startMockApi({ retryAfterSeconds: 0, ...options });
	servers.push(api);
	const client = createApiClient({
		config: {
			baseUrl: api.baseUrl,
			clientId: api.clientId,
			clientSecret: secret ?? api.clientSecret,
		},
		concurrency: 2,
		timeoutMs: 300,
		maxImageBytes: 1024,
		policy: quick,
	});
	return { api, client };
}

const faults: FaultKind[] = [...recoverableFaults, 'hang'];
for (const fault of faults) {
	test(`a request that first meets "${fault}" is retried and then answers`, async () => {
		const { api, client } = await setUp({ faultRate: 1, faults: [fault], maxFaultsInARow: 1 });

		const record = await client.getJson(`yrken/${firstId}`);

		assert.deepEqual(record, relinkImages(source, api.imageMap, api.origin));
		assert.deepEqual(api.stats.byFault, { [fault]: 1 });
		assert.equal(api.stats.requests, 2);
		await client.close();
	});
}

test("retries run out after the policy's count and the error names the status and tracking id", async () => {
	const { api, client } = await setUp({ faultRate: 1, faults: ['503'], maxFaultsInARow: 100 });

	const error = await client.getJson('yrken').catch((caught: unknown) => caught);

	assert.ok(error instanceof RequestError);
	assert.equal(error.statusCode, 503);
	assert.match(
		error.message,
		/^HTTP 503 Service Unavailable after 6 attempts \(AF-TrackingId [0-9a-f-]{36}\)$/
	);
	assert.equal(api.stats.requests, quick.maxRetries + 1);
	assert.equal(
		[...(api.stats.trackingIds.get('/yrkesinfo/publik/raf/v1/yrken') ?? [])][0],
		error.trackingId
	);
	await client.close();
});

test("a 403 is not retried and quotes the API's error and description", async () => {
	const { api, client } = await setUp({}, 'wrong-secret');

	const error = await client.getJson('yrken').catch((caught: unknown) => caught);

	assert.ok(error instanceof AuthError);
	assert.match(error.message, /HTTP 403: invalid_client, "Invalid client_id or client_secret"/);
	assert.equal(api.stats.requests, 1);
	await client.close();
});

test('a 401 stops just the same', async () => {
	const { client } = await setUp({ authStatus: 401 }, 'wrong-secret');

	await assert.rejects(client.getJson('yrken'), AuthError);
	await client.close();
});

test('a 404 is not retried and reported with its tracking id', async () => {
	const { api, client } = await setUp({ notFound: [firstId] });

	const error = await client.getJson(`yrken/${firstId}`).catch((caught: unknown) => caught);

	assert.ok(error instanceof RequestError);
	assert.equal(error.statusCode, 404);
	assert.match(error.message, /^HTTP 404 Not Found \(AF-TrackingId [0-9a-f-]{36}\)$/);
	assert.equal(api.stats.requests, 1);
	await client.close();
});

test('requests reuse kept-alive connections, at most `concurrency` of them', async () => {
	const { api, client } = await setUp();

	for (let i = 0; i < 5; i++) await client.getJson('yrken');
	await Promise.all(Array.from({ length: 6 }, () => client.getJson(`yrken/${firstId}`)));

	assert.equal(api.stats.requests, 11);
	assert.equal(api.stats.connections, 2);
	await client.close();
});
