import { parseArgs } from 'node:util';
import { AuthError } from '../src/lib/fetch/client.ts';
import { ConfigError, loadDotEnv, readApiConfig } from '../src/lib/fetch/config.ts';
import {
	defaultConcurrency,
	defaultTimeoutMs,
	FetchFailedError,
	runFetch,
} from '../src/lib/fetch/run.ts';
import { describeError, secretMasker } from '../src/lib/fetch/secrets.ts';
import { displayPath } from '../src/lib/progress.ts';
import { defaultSnapshotDir } from '../src/lib/snapshot.ts';

const help = `Usage: npm run fetch -- [options]

Fetches every occupation from the Yrkesinfo v1 API (GET /yrken, then GET /yrken/{id}) with the
images they link to, and replaces the snapshot folder only once the new one is complete.

Options:
  --out DIR           snapshot folder to write (default: data/snapshot)
  --concurrency N     requests in flight at once (default: ${defaultConcurrency})
  --only ID,ID        fetch only these occupation ids; the snapshot then holds only them
  --allow-partial     when some records fail, still write the rest and keep the previous
                      version of the failed ones (the exit code is still 1)
  --timeout SECONDS   give up on one attempt after this long (default: ${defaultTimeoutMs / 1000})
  -h, --help          show this help

Environment (or a .env file in the current folder; the environment wins):
  YRKESINFO_CLIENT_ID       the API key's client id (required)
  YRKESINFO_CLIENT_SECRET   the API key's secret (required; never printed or written)
  YRKESINFO_BASE_URL        the API's base URL
                            (default: https://apier.arbetsformedlingen.se/yrkesinfo/publik/raf/v1)

Failed requests are retried with backoff: 429 (honouring Retry-After), 500, 502, 503, 504,
dropped connections, timeouts, and bodies cut short or not JSON. 401 and 403 stop at once.

Exit codes:
  0  the snapshot was written
  1  some records failed (nothing was written, unless --allow-partial), or the list failed
  2  configuration or authentication error: keys, base URL, flags
`;

let maskText = (text: string) => text;

/** Prints one error line with secrets masked and ends the process with `code`. */
function fail(message: string, code: number): never {
	process.stderr.write(`${maskText(message)}\n`);
	process.exit(code);
}

// Anything that escapes (a bug) is still printed through the mask, never by Node's default handler.
process.on('uncaughtException', (error) => fail(`Unexpected error: ${error?.stack ?? error}`, 1));
process.on('unhandledRejection', (error) =>
	fail(`Unexpected error: ${(error as Error)?.stack ?? String(error)}`, 1)
);

let values;
try {
	({ values } = parseArgs({
		options: {
			out: { type: 'string', default: defaultSnapshotDir },
			concurrency: { type: 'string' },
			only: { type: 'string' },
			'allow-partial': { type: 'boolean', default: false },
			timeout: { type: 'string' },
			help: { type: 'boolean', short: 'h', default: false },
		},
		strict: true,
		allowPositionals: false,
	}));
} catch (error) {
	fail(`${(error as Error).message}\n\nRun \`npm run fetch -- --help\` for the options.`, 2);
}

if (values.help) {
	process.stdout.write(help);
	process.exit(0);
}

const concurrency = positiveInteger(
	'--concurrency',
	values.concurrency ?? String(defaultConcurrency)
);
const timeoutSeconds = positiveInteger(
	'--timeout',
	values.timeout ?? String(defaultTimeoutMs / 1000)
);
const only = values.only?.split(',').map((id) => positiveInteger('--only', id.trim()));

let config;
try {
	loadDotEnv();
	// Masking starts before the configuration is checked, as its errors may quote a variable.
	maskText = secretMasker([process.env.YRKESINFO_CLIENT_SECRET?.trim()]);
	config = readApiConfig();
} catch (error) {
	if (error instanceof ConfigError) fail(error.message, 2);
	throw error;
}

// The first Ctrl-C stops the run cleanly, which leaves the previous snapshot in place; a second
// one exits at once, and the next run removes what was left half-written.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (interrupt.signal.aborted) process.exit(130);
		interrupt.abort(new Error('Interrupted'));
	});
}

try {
	const result = await runFetch({
		config,
		out: values.out,
		concurrency,
		only,
		allowPartial: values['allow-partial'],
		timeoutMs: timeoutSeconds * 1000,
		signal: interrupt.signal,
	});
	process.exitCode = result.exitCode;
} catch (error) {
	const shown = displayPath(values.out);
	if (interrupt.signal.aborted) fail(`Interrupted; ${shown} was left as it was.`, 130);
	if (error instanceof AuthError || error instanceof ConfigError) fail(error.message, 2);
	if (error instanceof FetchFailedError) fail(error.message, 1);
	fail(`The fetch failed: ${describeError(error, maskText)}. ${shown} was left as it was.`, 1);
}

function positiveInteger(flag: string, text: string): number {
	const value = Number(text);
	if (!/^\d+$/.test(text) || value < 1)
		fail(`${flag} takes a positive whole number, not "${text}".`, 2);
	return value;
}
