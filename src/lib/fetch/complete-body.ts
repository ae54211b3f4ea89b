import type { Dispatcher } from 'undici';
import { bodyErrorCodes } from './retry-policy.ts';

/*
 * undici's retry interceptor retries what fails before a response starts. A 200 whose body is
 * then cut short, or is not JSON, would reach the caller as a finished response. This interceptor
 * sits below the retry interceptor and holds a successful response back until its body is whole
 * (and, for JSON, parses), so such a body counts as a failed attempt that undici retries.
 */

export interface CompleteBodyOptions {
	/** Bodies larger than this fail at once with `YRKESINFO_BODY_TOO_LARGE`, without a retry. */
	maxBytes: number;
	/** Also require the body to parse as JSON. */
	json?: boolean;
}

/** An error for one attempt's body, with a code the retry policy knows. */
export class BodyError extends Error {
	override name = 'BodyError';
	code: string;
	constructor(message: string, code: string) {
		super(message);
		this.code = code;
	}
}

/** Returns an undici interceptor that passes a 2xx response on only once its body is complete. */
export function completeBody(
	options: CompleteBodyOptions
): Dispatcher.DispatcherComposeInterceptor {
	return (dispatch) => (opts, handler) => dispatch(opts, new CompleteBodyHandler(handler, options));
}

type Controller = Dispatcher.DispatchController;
type Headers = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

class CompleteBodyHandler implements Dispatcher.DispatchHandler {
	#handler: Dispatcher.DispatchHandler;
	#options: CompleteBodyOptions;
	#held: { statusCode: number; headers: Headers; statusMessage?: string } | undefined;
	#chunks: Buffer[] = [];
	#size = 0;
	// Set once this attempt has failed, so nothing more of it reaches the handler above.
	#failed = false;

	constructor(handler: Dispatcher.DispatchHandler, options: CompleteBodyOptions) {
		this.#handler = handler;
		this.#options = options;
	}

	onRequestStart(controller: Controller, context: unknown) {
		this.#handler.onRequestStart?.(controller, context);
	}

	onRequestUpgrade(
		...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>
	) {
		this.#handler.onRequestUpgrade?.(...args);
	}

	onResponseStart(
		controller: Controller,
		statusCode: number,
		headers: Headers,
		statusMessage?: string
	) {
		// Errors and informational responses pass straight through: the retry interceptor and the
		// caller decide about those from the status alone.
		if (statusCode < 200 || statusCode >= 300) {
			this.#handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
			return;
		}
		this.#held = { statusCode, headers, statusMessage };
		const declared = Number(headers['content-length']);
		if (declared > this.#options.maxBytes) this.#tooLarge(controller, declared);
	}

	onResponseData(controller: Controller, chunk: Buffer) {
		if (!this.#held) {
			this.#handler.onResponseData?.(controller, chunk);
			return;
		}
		if (this.#failed) return;
		this.#size += chunk.length;
		if (this.#size > this.#options.maxBytes) {
			this.#tooLarge(controller, this.#size);
			return;
		}
		this.#chunks.push(chunk);
	}

	onResponseEnd(controller: Controller, trailers: Headers) {
		const held = this.#held;
		if (!held) {
			this.#handler.onResponseEnd?.(controller, trailers);
			return;
		}
		if (this.#failed) return;

		const body = Buffer.concat(this.#chunks, this.#size);
		const declared = held.headers['content-length'];
		if (declared !== undefined && Number(declared) !== body.length) {
			this.#fail(
				controller,
				new BodyError(
					`the body ended after ${body.length} of ${declared} bytes`,
					bodyErrorCodes.incomplete
				)
			);
			return;
		}
		if (this.#options.json) {
			try {
				JSON.parse(body.toString('utf8'));
			} catch {
				const type = String(held.headers['content-type'] ?? 'no content type');
				this.#fail(
					controller,
					new BodyError(
						`the body is not valid JSON (${body.length} bytes, ${type})`,
						bodyErrorCodes.notJson
					)
				);
				return;
			}
		}

		this.#handler.onResponseStart?.(controller, held.statusCode, held.headers, held.statusMessage);
		if (body.length > 0) this.#handler.onResponseData?.(controller, body);
		this.#handler.onResponseEnd?.(controller, trailers);
	}

	onResponseError(controller: Controller, error: Error) {
		if (this.#failed) return;
		this.#failed = true;
		this.#handler.onResponseError?.(controller, error);
	}

	#tooLarge(controller: Controller, bytes: number) {
		const error = new BodyError(
			`larger than the limit of ${this.#options.maxBytes} bytes (${bytes} bytes)`,
			bodyErrorCodes.tooLarge
		);
		// Aborting stops the download. The handler above hears of it first, so the retry
		// interceptor treats it as final rather than as a dropped connection to retry.
		this.#fail(controller, error);
		controller.abort(error);
	}

	#fail(controller: Controller, error: Error) {
		this.onResponseError(controller, error);
	}
}
