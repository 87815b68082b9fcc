import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createApp } from '../../app';
import type { Database } from '../../db/client';

/** An app whose API needs no database (health only), serving `staticDir`. */
function appServing(staticDir: string, corsOrigins: string[] = []) {
	const database = { kind: 'pglite' } as Database;
	return createApp({ database, now: () => Date.now(), version: 'test', staticDir, corsOrigins });
}

describe('static serving', () => {
	let dir: string;
	let app: ReturnType<typeof createApp>;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'fieldbook-static-'));
		mkdirSync(join(dir, '_app/immutable/chunks'), { recursive: true });
		mkdirSync(join(dir, 'icons'));
		writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Fieldbook shell</title>');
		writeFileSync(join(dir, '_app/immutable/chunks/app.Ab12Cd.js'), 'export const x = 1;');
		writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
		const big = 'export const y = "' + 'fieldbook '.repeat(200) + '";';
		writeFileSync(join(dir, '_app/immutable/chunks/big.Ef34Gh.js'), big);
		writeFileSync(join(dir, '_app/immutable/chunks/big.Ef34Gh.js.br'), brotliCompressSync(big));
		writeFileSync(join(dir, '_app/immutable/chunks/big.Ef34Gh.js.gz'), gzipSync(big));
		writeFileSync(join(dir, 'icons/photo.png'), 'png');
		writeFileSync(join(dir, 'icons/photo.png.gz'), gzipSync('png'));
		writeFileSync(join(dir, 'workbox-9c191d2f.js'), '/* workbox */');
		writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Fieldbook"}');
		writeFileSync(join(dir, 'icons/icon-192.png'), 'png');
		writeFileSync(join(tmpdir(), 'fieldbook-secret.txt'), 'TOP-SECRET-CONTENT');
		app = appServing(dir);
	});
	afterAll(() => {
		rmSync(dir, { recursive: true, force: true });
		rmSync(join(tmpdir(), 'fieldbook-secret.txt'), { force: true });
	});

	it('serves hashed assets immutable with a JavaScript type', async () => {
		const res = await app.request('/_app/immutable/chunks/app.Ab12Cd.js');
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
		expect(await res.text()).toBe('export const x = 1;');
	});

	it('never lets the service worker, workbox, the shell or the manifest be cached long', async () => {
		for (const path of ['/sw.js', '/workbox-9c191d2f.js', '/index.html', '/', '/manifest.webmanifest']) {
			const res = await app.request(path);
			expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
		}
		const manifest = await app.request('/manifest.webmanifest');
		expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
	});

	it('caches other files briefly', async () => {
		const res = await app.request('/icons/icon-192.png');
		expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
		expect(res.headers.get('content-type')).toBe('image/png');
	});

	it('answers app routes with the shell (SPA fallback), not cached', async () => {
		for (const path of ['/customers/123', '/customers/new', '/admin/users/']) {
			const res = await app.request(path);
			expect(res.status).toBe(200);
			expect(res.headers.get('cache-control')).toBe('no-cache');
			expect(await res.text()).toContain('Fieldbook shell');
		}
	});

	it('sends the precompressed variant the request accepts, with its own ETag', async () => {
		const path = '/_app/immutable/chunks/big.Ef34Gh.js';
		const plain = await app.request(path);
		const source = await plain.text();
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('vary')).toBe('Accept-Encoding');

		const br = await app.request(path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('content-type')).toMatch(/^text\/javascript/);
		expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const brBody = Buffer.from(await br.arrayBuffer());
		expect(brBody.length).toBeLessThan(source.length / 4);
		expect(brotliDecompressSync(brBody).toString()).toBe(source);

		const gz = await app.request(path, { headers: { 'accept-encoding': 'gzip, br;q=0' } });
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(source);

		const etags = new Set([plain, br, gz].map((r) => r.headers.get('etag')));
		expect(etags.size).toBe(3);
		const again = await app.request(path, { headers: { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! } });
		expect(again.status).toBe(304);
	});

	it('ignores a variant older than its file', async () => {
		const file = join(dir, 'late.js');
		writeFileSync(file + '.br', brotliCompressSync('old'));
		writeFileSync(file, 'new');
		utimesSync(file + '.br', new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
		const res = await app.request('/late.js', { headers: { 'accept-encoding': 'br' } });
		expect(res.headers.get('content-encoding')).toBeNull();
		expect(await res.text()).toBe('new');
	});

	it('sends files without a variant, and images, as they are', async () => {
		const js = await app.request('/_app/immutable/chunks/app.Ab12Cd.js', { headers: { 'accept-encoding': 'br, gzip' } });
		expect(js.headers.get('content-encoding')).toBeNull();
		expect(await js.text()).toBe('export const x = 1;');
		const png = await app.request('/icons/photo.png', { headers: { 'accept-encoding': 'gzip' } });
		expect(png.headers.get('content-encoding')).toBeNull();
		expect(await png.text()).toBe('png');
	});

	it('revalidates with ETag', async () => {
		const first = await app.request('/sw.js');
		const etag = first.headers.get('etag')!;
		const again = await app.request('/sw.js', { headers: { 'if-none-match': etag } });
		expect(again.status).toBe(304);
	});

	it('answers missing files with 404, not the shell', async () => {
		const res = await app.request('/_app/immutable/chunks/gone.js');
		expect(res.status).toBe(404);
		expect(await res.text()).not.toContain('Fieldbook shell');
	});

	it('answers unknown API paths with a JSON 404, not the shell', async () => {
		for (const path of ['/api/unknown', '/api/customers/123']) {
			const res = await app.request(path);
			expect(res.status).toBe(404);
			expect((await res.json()).error.code).toBe('not_found');
		}
	});

	it('never serves a file outside the build', async () => {
		for (const path of ['/../fieldbook-secret.txt', '/%2e%2e/fieldbook-secret.txt', '/_app/%2e%2e%2f%2e%2e%2f..%2ffieldbook-secret.txt', '/..%5cfieldbook-secret.txt', '/%00', '/%E0%A4%A']) {
			const res = await app.request(path);
			expect([path, res.status]).toEqual([path, 404]);
			expect(await res.text()).not.toContain('TOP-SECRET-CONTENT');
		}
	});

	it('keeps secure headers that let the PWA work', async () => {
		const res = await app.request('/');
		const csp = res.headers.get('content-security-policy')!;
		expect(csp).toContain("script-src 'self' 'unsafe-inline'");
		expect(csp).toContain("worker-src 'self'");
		expect(csp).toContain("manifest-src 'self'");
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('says how to build when there is no build', async () => {
		const empty = mkdtempSync(join(tmpdir(), 'fieldbook-empty-'));
		try {
			const res = await appServing(empty).request('/');
			expect(res.status).toBe(404);
			expect(await res.text()).toContain('npm run build');
		} finally {
			rmSync(empty, { recursive: true, force: true });
		}
	});
});

describe('CORS', () => {
	const app = appServing('/nonexistent', ['https://crm.example.org']);

	it('adds no CORS headers for an unlisted origin', async () => {
		const res = await app.request('/api/health', { headers: { origin: 'https://evil.example' } });
		expect(res.headers.get('access-control-allow-origin')).toBeNull();
		const preflight = await app.request('/api/health', {
			method: 'OPTIONS',
			headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' }
		});
		expect([...preflight.headers.keys()].filter((k) => k.startsWith('access-control'))).toEqual([]);
	});

	it('allows a listed origin, including preflight and error answers', async () => {
		const origin = 'https://crm.example.org';
		const res = await app.request('/api/health', { headers: { origin } });
		expect(res.headers.get('access-control-allow-origin')).toBe(origin);
		const preflight = await app.request('/api/auth/login', {
			method: 'OPTIONS',
			headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' }
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
		const missing = await app.request('/api/nothing', { headers: { origin } });
		expect(missing.headers.get('access-control-allow-origin')).toBe(origin);
	});
});
