import { existsSync } from 'node:fs';
import path from 'node:path';

/** The production base URL that the v1 service documented for key holders. */
export const defaultBaseUrl = 'https://apier.arbetsformedlingen.se/yrkesinfo/publik/raf/v1';

/** Where the keys and base URL of one run come from. */
export interface ApiConfig {
	clientId: string;
	clientSecret: string;
	/** The base URL without a trailing slash, such as `https://host/yrkesinfo/publik/raf/v1`. */
	baseUrl: string;
}

/** An error the user fixes in the configuration (keys, base URL, flags); the fetch exits 2. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

/**
 * Loads `.env` from `dir` into `env` when the file exists; values already in the environment win.
 * Returns the path loaded, or undefined when there was none.
 */
export function loadDotEnv(dir: string = process.cwd()): string | undefined {
	const file = path.join(dir, '.env');
	if (!existsSync(file)) return undefined;
	try {
		process.loadEnvFile(file);
	} catch (cause) {
		// The parser's message can quote a line of the file, and that line can hold the secret.
		throw new ConfigError(`${file} could not be read: ${(cause as NodeJS.ErrnoException).code}.`);
	}
	return file;
}

/** Returns the API configuration from `env`, or throws a ConfigError naming what is missing. */
export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
	const clientId = env.YRKESINFO_CLIENT_ID?.trim() ?? '';
	const clientSecret = env.YRKESINFO_CLIENT_SECRET?.trim() ?? '';
	const missing = [
		clientId ? undefined : 'YRKESINFO_CLIENT_ID',
		clientSecret ? undefined : 'YRKESINFO_CLIENT_SECRET',
	].filter(Boolean);
	if (missing.length > 0) {
		throw new ConfigError(
			`Set ${missing.join(' and ')} in the environment or in a .env file; ` +
				'see "API keys" in the README (or try `npm run mock-api`, which needs no keys).'
		);
	}

	const rawBase = env.YRKESINFO_BASE_URL?.trim() || defaultBaseUrl;
	let base: URL;
	try {
		base = new URL(rawBase);
	} catch {
		throw new ConfigError(`YRKESINFO_BASE_URL is not a URL: "${rawBase}".`);
	}
	if (base.protocol !== 'https:' && base.protocol !== 'http:') {
		throw new ConfigError(
			`YRKESINFO_BASE_URL must start with https:// or http://, not "${rawBase}".`
		);
	}
	if (base.search || base.username || base.password) {
		throw new ConfigError(
			'YRKESINFO_BASE_URL must not carry a query or credentials; put the keys in ' +
				'YRKESINFO_CLIENT_ID and YRKESINFO_CLIENT_SECRET.'
		);
	}
	return { clientId, clientSecret, baseUrl: base.toString().replace(/\/+$/, '') };
}
