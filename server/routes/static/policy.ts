/**
 * How each built file is served: its content type and its caching. Hashed assets are
 * immutable; the service worker, the shell and the manifest are always revalidated.
 */
import { posix, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.gif': 'image/gif',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.ttf': 'font/ttf',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.wasm': 'application/wasm',
	'.pdf': 'application/pdf'
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';
export const SHORT = 'public, max-age=3600';

const ALWAYS_REVALIDATE = new Set(['sw.js', 'index.html', 'manifest.webmanifest', 'registerSW.js', 'version.json']);

export function contentTypeOf(path: string): string {
	return TYPES[posix.extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Cache-Control for a file at `relPath` (posix, no leading slash). */
export function cacheControlOf(relPath: string): string {
	if (relPath.startsWith('_app/immutable/')) return IMMUTABLE;
	const name = posix.basename(relPath);
	if (ALWAYS_REVALIDATE.has(name) || /^workbox-[\w-]+\.js$/.test(name) || relPath.endsWith('.html')) {
		return NO_CACHE;
	}
	return SHORT;
}

/**
 * The file a URL path names inside `root`, or undefined when the path is malformed or
 * escapes `root` (`..`, encoded slashes, NUL). Directories map to their index.html.
 */
export function resolveInside(root: string, urlPath: string): { file: string; rel: string } | undefined {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return undefined;
	}
	if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
	const segments = decoded.split('/');
	if (segments.some((s) => s === '..')) return undefined;
	let rel = posix.normalize(decoded).replace(/^\/+/, '');
	if (rel === '' || rel === '.' || rel.endsWith('/')) rel = posix.join(rel, 'index.html');
	const base = resolve(root);
	const file = resolve(base, rel);
	if (file !== base && !file.startsWith(base + sep)) return undefined;
	return { file, rel };
}

/** True when a path's last segment has no extension: an app route, answered with the shell. */
export function isAppRoute(urlPath: string): boolean {
	const last = urlPath.split('/').pop() ?? '';
	return !last.includes('.');
}

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|xml|javascript)|image\/svg\+xml)/;

/** True for content types worth sending precompressed (text; not images, fonts, wasm). */
export function isCompressible(contentType: string): boolean {
	return COMPRESSIBLE.test(contentType);
}

export type Encoding = 'br' | 'gzip';

/**
 * The precompressed variants a request accepts, best first (brotli, then gzip), from its
 * Accept-Encoding header. A coding listed with `q=0` is refused; `*` accepts both.
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
	if (!header) return [];
	const q = new Map<string, number>();
	for (const part of header.toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		if (!name) continue;
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = qParam ? Number(qParam.slice(2)) : 1;
		q.set(name.trim(), Number.isFinite(value) ? value : 0);
	}
	const ok = (name: Encoding) => (q.get(name) ?? q.get('*') ?? 0) > 0;
	return (['br', 'gzip'] as const).filter(ok);
}

/** The file suffix of a precompressed variant, as the build writes it. */
export const ENCODING_SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
