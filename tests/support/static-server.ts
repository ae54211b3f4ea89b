import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.txt': 'text/plain; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.xml': 'application/xml',
	'.wasm': 'application/wasm',
	'.pf_meta': 'application/octet-stream',
	'.pf_index': 'application/octet-stream',
	'.pf_fragment': 'application/octet-stream',
	'.pagefind': 'application/octet-stream',
};

const compressible = /^(text\/|application\/(json|xml|wasm))|image\/svg/;

export interface StaticServer {
	/** The server's origin, such as `http://127.0.0.1:41234`. */
	origin: string;
	/** The URL of the site root, including the base path. */
	url: string;
	close(): Promise<void>;
}

export interface StaticServerOptions {
	/** The path the site is served under, such as `/yrken-ao/`. */
	base?: string;
	/** Gzip compressible responses when the client accepts it, as a CDN would. */
	compress?: boolean;
}

/**
 * Returns a started HTTP server on 127.0.0.1 (port 0) that serves a built site the way a static
 * host does: folder URLs serve their `index.html`, and misses get the site's `404.html`.
 */
export async function serveStatic(
	root: string,
	{ base = '/', compress = false }: StaticServerOptions = {}
): Promise<StaticServer> {
	const server = http.createServer((req, res) => {
		let url: URL;
		let pathname: string;
		try {
			url = new URL(req.url ?? '/', 'http://localhost');
			pathname = decodeURIComponent(url.pathname);
		} catch {
			res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
			return;
		}
		if (!pathname.startsWith(base)) return notFound(res);
		pathname = pathname.slice(base.length - 1);

		let file = path.join(root, pathname);
		if (!file.startsWith(root)) return notFound(res);
		if (existsSync(file) && statSync(file).isDirectory()) {
			if (!pathname.endsWith('/')) {
				res.writeHead(301, { location: `${url.pathname}/` }).end();
				return;
			}
			file = path.join(file, 'index.html');
		}
		if (!existsSync(file)) return notFound(res);
		send(file, 200);

		function send(target: string, status: number) {
			const type = types[path.extname(target)] ?? 'application/octet-stream';
			const gzip =
				compress && compressible.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
			res.writeHead(status, {
				'content-type': type,
				...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
			});
			const stream = createReadStream(target);
			(gzip ? stream.pipe(zlib.createGzip()) : stream).pipe(res);
		}

		function notFound(response: http.ServerResponse) {
			const page = path.join(root, '404.html');
			if (existsSync(page) && response === res) return send(page, 404);
			response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
		}
	});

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	return {
		origin,
		url: origin + base,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
