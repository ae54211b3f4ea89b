import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { Agent, interceptors, type Dispatcher } from 'undici';
import { apiErrorSchema } from '../schema.ts';
import { completeBody } from './complete-body.ts';
import type { ApiConfig } from './config.ts';
import {
	defaultRetryPolicy,
	retryDelay,
	undiciRetryOptions,
	type RetryPolicy,
} from './retry-policy.ts';

/*
 * The HTTP side of the fetch: one undici Agent (keep-alive, at most `concurrency` connections per
 * origin) under undici's retry interceptor, plus the status handling of the v1 contract.
 */

export interface ClientOptions {
	config: ApiConfig;
	/** Connections per origin; the caller keeps at most this many requests in flight. */
	concurrency: number;
	/** Connect, headers and body timeout of one attempt. */
	timeoutMs: number;
	/** Largest image to download; a larger one fails without a retry. */
	maxImageBytes: number;
	policy?: RetryPolicy;
}

/** The API refused the keys (401 or 403); the run stops and exits 2. */
export class AuthError extends Error {
	override name = 'AuthError';
}

/** One request failed for good: after its retries, or with a status no retry can fix. */
export class RequestError extends Error {
	override name = 'RequestError';
	statusCode: number | undefined;
	trackingId: string | undefined;
	constructor(message: string, statusCode?: number, trackingId?: string) {
		super(message);
		this.statusCode = statusCode;
		this.trackingId = trackingId;
	}
}

export interface ApiClient {
	/** Returns the parsed JSON body of `GET {base}{pathname}`. */
	getJson(pathname: string, signal?: AbortSignal): Promise<unknown>;
	/** Returns the bytes and content type of an image link. */
	getImage(url: string, signal?: AbortSignal): Promise<{ body: Buffer; contentType: string }>;
	/** Closes every connection. */
	close(): Promise<void>;
}

// Generous for one occupation (the largest real record is under 10 kB) and for the list.
const maxJsonBytes = 20 * 1024 * 1024;

/** Returns a client for the API described by `config`, with pooling and retries set up. */
export function createApiClient(options: ClientOptions): ApiClient {
	const { config, concurrency, timeoutMs, maxImageBytes } = options;
	const policy = options.policy ?? defaultRetryPolicy;
	const agent = new Agent({
		connections: concurrency,
		keepAliveTimeout: 10_000,
		connectTimeout: timeoutMs,
		headersTimeout: timeoutMs,
		bodyTimeout: timeoutMs,
	});
	const retry = interceptors.retry(undiciRetryOptions(policy));
	// compose() wraps in order, so the retry interceptor sits above the body check and sees a
	// body cut short as a failed attempt. Only images follow redirects: an API request carries
	// the secret in its URL, which a redirect would hand to wherever it points.
	const api = agent.compose(completeBody({ maxBytes: maxJsonBytes, json: true }), retry);
	const images = agent.compose(
		completeBody({ maxBytes: maxImageBytes }),
		retry,
		interceptors.redirect({ maxRedirections: 3 })
	);
	const base = new URL(`${config.baseUrl}/`);

	return {
		async getJson(pathname, signal) {
			const url = new URL(pathname.replace(/^\//, ''), base);
			url.searchParams.set('client_id', config.clientId);
			url.searchParams.set('client_secret', config.clientSecret);
			// One id per request, kept across its retries, so support finds every attempt under it.
			const trackingId = randomUUID();
			const response = await send(api, url, { 'af-trackingid': trackingId }, signal, trackingId);

			if (response.statusCode === 200) return response.body.json();
			const text = await response.body.text().catch(() => '');
			if (response.statusCode === 401 || response.statusCode === 403) {
				throw new AuthError(authMessage(response.statusCode, text, trackingId));
			}
			throw new RequestError(
				`HTTP ${response.statusCode}${statusText(response.statusCode)} (AF-TrackingId ${trackingId})`,
				response.statusCode,
				trackingId
			);
		},

		async getImage(link, signal) {
			const url = new URL(link.trim());
			if (url.protocol !== 'https:' && url.protocol !== 'http:') {
				throw new RequestError(`not an http(s) link`);
			}
			const response = await send(images, url, { accept: 'image/*' }, signal);
			if (response.statusCode !== 200) {
				await response.body.dump();
				throw new RequestError(
					`HTTP ${response.statusCode}${statusText(response.statusCode)}`,
					response.statusCode
				);
			}
			const contentType = String(response.headers['content-type'] ?? '');
			const body = Buffer.from(await response.body.arrayBuffer());
			return { body, contentType };
		},

		close: () => agent.close(),
	};

	async function send(
		dispatcher: Dispatcher,
		url: URL,
		headers: Record<string, string>,
		signal: AbortSignal | undefined,
		trackingId?: string
	): Promise<Dispatcher.ResponseData> {
		try {
			return await dispatcher.request({
				origin: url.origin,
				path: url.pathname + url.search,
				method: 'GET',
				headers,
				signal,
			});
		} catch (error) {
			throw failure(error, policy, trackingId);
		}
	}
}

/** Returns the one line a 401 or 403 is reported with, quoting the API's error body. */
function authMessage(statusCode: number, body: string, trackingId: string): string {
	let quoted = '';
	try {
		const parsed = apiErrorSchema.safeParse(JSON.parse(body));
		if (parsed.success) quoted = `: ${parsed.data.error}, "${parsed.data.description}"`;
	} catch {
		// A body that is not the contract's JSON is left unquoted; the status still says enough.
	}
	return (
		`The API refused the keys (HTTP ${statusCode}${quoted}). Check YRKESINFO_CLIENT_ID and ` +
		`YRKESINFO_CLIENT_SECRET (environment or .env). AF-TrackingId ${trackingId}`
	);
}

/** Returns a RequestError that says what went wrong with an attempt, without the request URL. */
function failure(error: unknown, policy: RetryPolicy, trackingId: string | undefined): Error {
	if (error instanceof Error && error.name === 'AbortError') return error;
	const { statusCode, code, message } = error as Error & { statusCode?: number; code?: string };
	// A failure the policy would retry reached us only because the retries ran out.
	const retried = retryDelay({ statusCode, code }, 1, policy, 0, () => 0) !== undefined;
	const what =
		statusCode !== undefined && statusCode >= 300
			? `HTTP ${statusCode}${statusText(statusCode)}`
			: describeCode(code, message);
	const attempts = retried ? ` after ${policy.maxRetries + 1} attempts` : '';
	const tracking = trackingId ? ` (AF-TrackingId ${trackingId})` : '';
	return new RequestError(`${what}${attempts}${tracking}`, statusCode, trackingId);
}

/** Returns a failure code in words, with the code itself for searching. */
function describeCode(code: string | undefined, message: string): string {
	const words: Record<string, string> = {
		ECONNREFUSED: 'connection refused',
		ECONNRESET: 'connection dropped',
		UND_ERR_SOCKET: 'connection dropped',
		ENOTFOUND: 'host not found',
		EAI_AGAIN: 'host lookup failed',
		UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
		UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response',
		UND_ERR_BODY_TIMEOUT: 'timed out reading the response',
	};
	if (code && words[code]) return `${words[code]} (${code})`;
	return code ? `${message} (${code})` : message;
}

function statusText(statusCode: number): string {
	const text = STATUS_CODES[statusCode];
	return text ? ` ${text}` : '';
}
