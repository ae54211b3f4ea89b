import type { Dispatcher, RetryHandler } from 'undici';

/*
 * When and how long to wait before a request is tried again. undici's retry interceptor runs the
 * attempts; this module only decides, so the decision can be tested without a network.
 */

export interface RetryPolicy {
	/** Retries after the first attempt; a request is sent at most `maxRetries + 1` times. */
	maxRetries: number;
	/** The wait before the first retry, before jitter. */
	baseDelayMs: number;
	/** No wait is longer than this, not even one a `Retry-After` header asks for. */
	maxDelayMs: number;
	/** HTTP statuses worth another try. */
	statusCodes: number[];
	/** Error codes worth another try: dropped connections, timeouts, bodies cut short. */
	errorCodes: string[];
}

/** Error codes the fetch itself raises for a body that is cut short or not the JSON it claims. */
export const bodyErrorCodes = {
	incomplete: 'YRKESINFO_BODY_INCOMPLETE',
	notJson: 'YRKESINFO_BODY_NOT_JSON',
	tooLarge: 'YRKESINFO_BODY_TOO_LARGE',
} as const;

/** The policy the fetch uses unless told otherwise. */
export const defaultRetryPolicy: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 300,
	maxDelayMs: 30_000,
	statusCodes: [429, 500, 502, 503, 504],
	errorCodes: [
		'ECONNRESET',
		'ECONNREFUSED',
		'ENOTFOUND',
		'EAI_AGAIN',
		'ENETDOWN',
		'ENETUNREACH',
		'EHOSTDOWN',
		'EHOSTUNREACH',
		'EPIPE',
		'ETIMEDOUT',
		'UND_ERR_SOCKET',
		'UND_ERR_CLOSED',
		'UND_ERR_CONNECT_TIMEOUT',
		'UND_ERR_HEADERS_TIMEOUT',
		'UND_ERR_BODY_TIMEOUT',
		bodyErrorCodes.incomplete,
		bodyErrorCodes.notJson,
	],
};

/** What the policy looks at in a failed attempt. */
export interface AttemptFailure {
	statusCode?: number;
	code?: string;
	headers?: Record<string, string | string[] | undefined> | null;
}

/**
 * Returns the milliseconds a `Retry-After` value asks to wait (seconds or an HTTP date), or
 * undefined when the value is neither.
 */
export function parseRetryAfter(
	value: string | undefined,
	now: number = Date.now()
): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// HTTP dates name the day and month ("Fri, 14 Mar 2025 12:00:07 GMT"); Date.parse alone would
	// also take a bare "-5" as a year.
	const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
	// A date in the past means the server is ready now.
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Returns how many milliseconds to wait before retry number `retry` (1 for the first retry), or
 * undefined when the failure should not be retried. Backoff doubles per retry with "equal
 * jitter" (half fixed, half random) so parallel requests do not retry in step; a `Retry-After`
 * header on a 429 or 503 wins over the backoff.
 */
export function retryDelay(
	failure: AttemptFailure,
	retry: number,
	policy: RetryPolicy = defaultRetryPolicy,
	now: number = Date.now(),
	random: () => number = Math.random
): number | undefined {
	if (retry > policy.maxRetries) return undefined;

	const { statusCode, code } = failure;
	// undici reports a retryable status as UND_ERR_REQ_RETRY with the status attached.
	const isStatus = statusCode !== undefined && statusCode >= 300;
	if (isStatus && !policy.statusCodes.includes(statusCode)) return undefined;
	if (!isStatus && (code === undefined || !policy.errorCodes.includes(code))) return undefined;

	const header = failure.headers?.['retry-after'];
	const retryAfter = parseRetryAfter(Array.isArray(header) ? header[0] : header, now);
	if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxDelayMs);

	const ceiling = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Returns undici retry options that run `policy` (for `interceptors.retry` or `RetryAgent`). */
export function undiciRetryOptions(
	policy: RetryPolicy = defaultRetryPolicy
): RetryHandler.RetryOptions {
	const methods: Dispatcher.HttpMethod[] = ['GET', 'HEAD'];
	return {
		methods,
		maxRetries: policy.maxRetries,
		statusCodes: policy.statusCodes,
		errorCodes: policy.errorCodes,
		// A response cut short is fetched again whole: the API does not answer range requests.
		resume: false,
		retry(error, { state }, callback) {
			const failure = error as Error & AttemptFailure;
			const delay = retryDelay(failure, state.counter, policy);
			if (delay === undefined) {
				callback(error);
				return;
			}
			// Returning the timer lets undici cancel the wait when the request is aborted.
			return setTimeout(() => callback(null), delay);
		},
	};
}
