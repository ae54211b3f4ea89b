import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sampleSnapshotDir, sharedCorpusDir, isSnapshot } from '../../src/lib/snapshot.ts';

/*
 * A real HTTP server that implements the Yrkesinfo v1 contract over a snapshot-shaped folder
 * (`yrken.json`, `yrken/<id>.json`, optional `manifest.json` and `images/`), with switches that
 * inject the faults a real API shows. Tests import `startMockApi`; `npm run mock-api` runs it.
 */

/** The faults the server can inject into API requests. */
export type FaultKind =
	'429' | '500' | '502' | '503' | '504' | 'drop' | 'truncate' | 'not-json' | 'hang';

/** Every fault a client recovers from by retrying; `hang` is left out because it costs a timeout. */
export const recoverableFaults: FaultKind[] = [
	'429',
	'500',
	'502',
	'503',
	'504',
	'drop',
	'truncate',
	'not-json',
];

export interface MockApiOptions {
	/** The snapshot folder served; by default the real corpus when present, else the sample. */
	dir?: string;
	/** The keys the server accepts. */
	clientId?: string;
	clientSecret?: string;
	/** The status that wrong or missing keys get; the contract documents 403. */
	authStatus?: 401 | 403;
	/** Added to every API response, faulted or not. */
	latencyMs?: number;
	/** The share of API requests that get a fault (0 to 1). */
	faultRate?: number;
	/** The faults injected, in turn (default: every recoverable one). */
	faults?: FaultKind[];
	/** At most this many faults in a row for one path, so a client with retries gets through. */
	maxFaultsInARow?: number;
	/** Seed of the draw of which requests get a fault, so a run can be repeated. */
	seed?: number;
	/** What a 429 asks for, alternately in seconds and as an HTTP date. */
	retryAfterSeconds?: number;
	/** Occupation ids that answer 404 although the list names them. */
	notFound?: number[];
	/**
	 * Serve the folder's `images/` and point the image links of its `manifest.json` at this
	 * server (keeping any trailing spaces), so a fetch works without the internet. Default true.
	 */
	serveImages?: boolean;
	/** The port to listen on; 0 (the default) picks a free one. */
	port?: number;
}

export interface MockApiStats {
	/** API requests received (images not counted). */
	requests: number;
	/** API requests that got a fault. */
	faulted: number;
	byFault: Partial<Record<FaultKind, number>>;
	/** Request path (without query) → the AF-TrackingId values it was sent with. */
	trackingIds: Map<string, Set<string>>;
	/** API requests that arrived without an AF-TrackingId. */
	withoutTrackingId: number;
	/** Image requests received. */
	imageRequests: number;
	/** TCP connections accepted, to see keep-alive at work. */
	connections: number;
}

export interface MockApi {
	/** Such as `http://127.0.0.1:41234`. */
	origin: string;
	/** The base URL to set as YRKESINFO_BASE_URL. */
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** How many occupations the list holds. */
	count: number;
	/** The folder served. */
	dir: string;
	/** The folder's image map (link → path) whose links point at this server; empty if none. */
	imageMap: Record<string, string>;
	stats: MockApiStats;
	/** Returns the JSON text the server answers for a path such as `yrken` or `yrken/12`. */
	body(pathname: string): string | undefined;
	close(): Promise<void>;
}

/** The folder the server serves when none is given. */
export const defaultMockDir = isSnapshot(sharedCorpusDir) ? sharedCorpusDir : sampleSnapshotDir;

const basePath = '/yrkesinfo/publik/raf/v1';

const imageTypes: Record<string, string> = {
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.svg': 'image/svg+xml',
	'.html': 'text/html; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
};

/** Returns a started mock API on 127.0.0.1, on a free port unless `port` is given. */
export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
	const dir = path.resolve(options.dir ?? defaultMockDir);
	const clientId = options.clientId ?? 'mock-client-id';
	const clientSecret = options.clientSecret ?? 'mock-client-secret';
	const faults = options.faults ?? recoverableFaults;
	const faultRate = options.faultRate ?? 0;
	const maxFaultsInARow = options.maxFaultsInARow ?? 2;
	const latencyMs = options.latencyMs ?? 0;
	const notFound = new Set(options.notFound ?? []);
	const random = mulberry32(options.seed ?? 1);
	const streaks = new Map<string, number>();
	let retryAfterAsDate = false;

	const stats: MockApiStats = {
		requests: 0,
		faulted: 0,
		byFault: {},
		trackingIds: new Map(),
		withoutTrackingId: 0,
		imageRequests: 0,
		connections: 0,
	};
	const bodies = new Map<string, string>();

	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');

		const image = /^\/(moved\/)?images\/([\w.-]+)$/.exec(url.pathname);
		if (image && options.serveImages !== false) {
			stats.imageRequests++;
			// `moved/images/x` answers with a redirect to `images/x`, as image hosts sometimes do.
			if (image[1]) {
				res.writeHead(301, { location: `/images/${image[2]}` }).end();
				return;
			}
			const file = path.join(dir, 'images', image[2] as string);
			if (!existsSync(file)) {
				return sendJson(res, 404, { error: 'not_found', description: 'No such image' });
			}
			const body = readFileSync(file);
			res.writeHead(200, {
				'content-type': imageTypes[path.extname(file)] ?? 'application/octet-stream',
				'content-length': body.length,
			});
			res.end(body);
			return;
		}

		const route = /\/(yrken(?:\/(\d+))?)\/?$/.exec(url.pathname);
		if (!route || req.method !== 'GET') {
			return sendJson(res, 404, { error: 'not_found', description: 'No such resource' });
		}
		stats.requests++;
		const trackingId = req.headers['af-trackingid'];
		if (typeof trackingId === 'string' && trackingId) {
			const seen = stats.trackingIds.get(url.pathname) ?? new Set();
			seen.add(trackingId);
			stats.trackingIds.set(url.pathname, seen);
			res.setHeader('AF-TrackingId', trackingId);
		} else {
			stats.withoutTrackingId++;
		}

		setTimeout(() => answer(req, res, url, route[1] as string, route[2]), latencyMs);
	});

	function answer(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		url: URL,
		resource: string,
		id: string | undefined
	) {
		const givenId = url.searchParams.get('client_id');
		const givenSecret = url.searchParams.get('client_secret');
		const authStatus = options.authStatus ?? 403;
		if (!givenId) {
			return sendJson(res, authStatus, {
				error: 'missing_client_id',
				description: 'client_id is missing',
			});
		}
		if (!givenSecret) {
			return sendJson(res, authStatus, {
				error: 'missing_client_secret',
				description: 'client_secret is missing',
			});
		}
		if (givenId !== clientId || givenSecret !== clientSecret) {
			return sendJson(res, authStatus, {
				error: 'invalid_client',
				description: 'Invalid client_id or client_secret',
			});
		}

		const streak = streaks.get(url.pathname) ?? 0;
		if (faults.length > 0 && streak < maxFaultsInARow && random() < faultRate) {
			streaks.set(url.pathname, streak + 1);
			// Kinds take turns, so even a few faults cover every kind asked for.
			const fault = faults[stats.faulted % faults.length] as FaultKind;
			stats.faulted++;
			stats.byFault[fault] = (stats.byFault[fault] ?? 0) + 1;
			return inject(fault, req, res, bodies.get(resource) ?? '{}');
		}
		streaks.set(url.pathname, 0);

		const body = id !== undefined && notFound.has(Number(id)) ? undefined : bodies.get(resource);
		if (body === undefined) {
			return sendJson(res, 404, { error: 'not_found', description: `No occupation with id ${id}` });
		}
		sendText(res, 200, body);
	}

	function inject(
		fault: FaultKind,
		req: http.IncomingMessage,
		res: http.ServerResponse,
		body: string
	) {
		switch (fault) {
			case '429': {
				const seconds = options.retryAfterSeconds ?? 1;
				retryAfterAsDate = !retryAfterAsDate;
				res.setHeader(
					'Retry-After',
					retryAfterAsDate ? new Date(Date.now() + seconds * 1000).toUTCString() : String(seconds)
				);
				return sendJson(res, 429, { error: 'too_many_requests', description: 'Slow down' });
			}
			case '500':
			case '502':
			case '503':
			case '504':
				return sendJson(res, Number(fault), {
					error: 'server_error',
					description: `Fault ${fault}`,
				});
			case 'drop':
				req.socket.destroy();
				return;
			case 'truncate': {
				const bytes = Buffer.from(body);
				res.writeHead(200, {
					'content-type': 'application/json; charset=utf-8',
					'content-length': bytes.length,
				});
				res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
				// Let the half body reach the client before the connection goes.
				setTimeout(() => req.socket.destroy(), 5);
				return;
			}
			case 'not-json':
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
				res.end('<!doctype html><title>Gateway error</title><p>Upstream unavailable.</p>');
				return;
			case 'hang':
				return;
		}
	}

	server.on('connection', () => stats.connections++);
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const manifestFile = path.join(dir, 'manifest.json');
	const imageMap: Record<string, string> =
		options.serveImages !== false && existsSync(manifestFile)
			? (JSON.parse(readFileSync(manifestFile, 'utf8')).images ?? {})
			: {};
	const count = load(dir, origin, imageMap, bodies);

	return {
		origin,
		baseUrl: `${origin}${basePath}`,
		clientId,
		clientSecret,
		count,
		dir,
		imageMap,
		stats,
		body: (pathname) => bodies.get(pathname),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * Reads the folder into the answers the server gives (compact JSON, as an API sends it) and
 * returns the number of occupations in the list.
 */
function load(
	dir: string,
	origin: string,
	imageMap: Record<string, string>,
	bodies: Map<string, string>
): number {
	const list = JSON.parse(readFileSync(path.join(dir, 'yrken.json'), 'utf8')) as Array<{
		id: number;
	}>;
	const rewrite = (value: Record<string, unknown>) => relinkImages(value, imageMap, origin);

	bodies.set(
		'yrken',
		JSON.stringify(list.map((entry) => rewrite(entry as Record<string, unknown>)))
	);
	const recordsDir = path.join(dir, 'yrken');
	for (const name of existsSync(recordsDir) ? readdirSync(recordsDir) : []) {
		const match = /^(\d+)\.json$/.exec(name);
		if (!match) continue;
		const record = JSON.parse(readFileSync(path.join(recordsDir, name), 'utf8'));
		bodies.set(`yrken/${match[1]}`, JSON.stringify(rewrite(record)));
	}
	return list.length;
}

/**
 * Returns a list entry or record with each image link that `imageMap` knows (link → path in the
 * folder) pointed at `origin` instead, keeping any spaces after the link as the API sends them.
 */
export function relinkImages<T extends Record<string, unknown>>(
	value: T,
	imageMap: Record<string, string>,
	origin: string
): T {
	const relink = (link: unknown) => {
		if (typeof link !== 'string' || !imageMap[link]) return link;
		return `${origin}/${imageMap[link]}${link.slice(link.trimEnd().length)}`;
	};
	const copy: Record<string, unknown> = { ...value };
	if ('bildlank' in copy) copy.bildlank = relink(copy.bildlank);
	if (Array.isArray(copy.bilder)) {
		copy.bilder = copy.bilder.map((image: Record<string, unknown>) =>
			image && typeof image === 'object' ? { ...image, lank: relink(image.lank) } : image
		);
	}
	return copy as T;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
	sendText(res, status, JSON.stringify(value));
}

function sendText(res: http.ServerResponse, status: number, text: string) {
	const body = Buffer.from(text);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': body.length,
	});
	res.end(body);
}

/** Returns a small seeded random number generator (mulberry32), so fault draws repeat. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const usage = `Usage: npm run mock-api -- [options]

Serves the Yrkesinfo v1 contract on 127.0.0.1 from a snapshot-shaped folder, so the whole
pipeline can be tried without API keys.

Options:
  --dir DIR            folder to serve (default: ../shared/data/yrkesinfo-2018 when present,
                       else data/sample)
  --port N             port to listen on (default: any free port)
  --client-id ID       client_id to accept (default: mock-client-id)
  --client-secret S    client_secret to accept (default: mock-client-secret)
  --latency MS         delay added to every API response (default: 0)
  --fault-rate R       share of API requests that get a fault, 0 to 1 (default: 0)
  --faults LIST        faults to draw from, comma-separated (default: ${recoverableFaults.join(',')};
                       also: hang)
  --seed N             seed for the fault draw (default: 1)
  --not-found ID,ID    occupations that answer 404
  --no-images          do not serve images or point image links at this server
  -h, --help           show this help`;

if (import.meta.main) {
	const { values } = parseArgs({
		options: {
			dir: { type: 'string' },
			port: { type: 'string', default: '0' },
			'client-id': { type: 'string' },
			'client-secret': { type: 'string' },
			latency: { type: 'string', default: '0' },
			'fault-rate': { type: 'string', default: '0' },
			faults: { type: 'string' },
			seed: { type: 'string', default: '1' },
			'not-found': { type: 'string' },
			images: { type: 'boolean', default: true },
			help: { type: 'boolean', short: 'h', default: false },
		},
		allowNegative: true,
	});
	if (values.help) {
		console.log(usage);
		process.exit(0);
	}
	const faults = values.faults?.split(',').map((fault) => fault.trim() as FaultKind);
	const unknown = faults?.filter((fault) => ![...recoverableFaults, 'hang'].includes(fault));
	if (unknown?.length) {
		console.error(`Unknown faults: ${unknown.join(', ')}. Run with --help for the list.`);
		process.exit(2);
	}
	const api = await startMockApi({
		dir: values.dir,
		clientId: values['client-id'],
		clientSecret: values['client-secret'],
		latencyMs: Number(values.latency),
		faultRate: Number(values['fault-rate']),
		faults,
		seed: Number(values.seed),
		notFound: values['not-found']?.split(',').map(Number),
		serveImages: values.images,
		port: Number(values.port),
	});
	console.log(`Mock Yrkesinfo API: ${api.count} occupations from ${values.dir ?? defaultMockDir}

Fetch from it in another terminal:
  YRKESINFO_BASE_URL=${api.baseUrl} \\
  YRKESINFO_CLIENT_ID=${api.clientId} YRKESINFO_CLIENT_SECRET=${api.clientSecret} \\
  npm run fetch

Press Ctrl-C to stop.`);
}
