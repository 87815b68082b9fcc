/** Issue 2: Chromium finds the app installable, and nothing is fetched from outside the server. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, waitForServiceWorker } from './harness';
import { ROOT } from './server';
import { useHarness } from './suite';

const harness = useHarness();

describe('installable PWA', () => {
	it('has no installability errors and a manifest with icons and shortcuts', async () => {
		const page = await harness.current.newPage();
		const context = page.context();
		await openApp(page, '/');
		await waitForServiceWorker(page);

		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
			installabilityErrors: { errorId: string }[];
		};
		expect(installabilityErrors).toEqual([]);

		const manifest = await (await page.request.get('/manifest.webmanifest')).json();
		const icons = manifest.icons.map(
			(i: { sizes: string; purpose?: string }) => `${i.sizes} ${i.purpose ?? 'any'}`
		);
		expect(icons).toEqual(
			expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable'])
		);
		expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual([
			'/customers/new',
			'/?checkin=1'
		]);
		expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);

		const touchIcon = await page.request.get('/icons/apple-touch-icon.png');
		expect(touchIcon.status()).toBe(200);
		expect(touchIcon.headers()['content-type']).toContain('image/png');
		await context.close();
	});

	it('loads nothing from outside its own server', async () => {
		const page = await harness.current.newPage();
		const context = page.context();
		const foreign: string[] = [];
		context.on('request', (req) => {
			const url = new URL(req.url());
			if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== harness.current.baseURL)
				foreign.push(req.url());
		});
		for (const path of ['/', '/customers', '/customers/new', '/settings'])
			await openApp(page, path);
		expect(foreign).toEqual([]);
		await context.close();
	});
});

describe('precache', () => {
	it('lists the app shell: index.html, every _app script and style, icons and the manifest', () => {
		const sw = readFileSync(join(ROOT, 'build/sw.js'), 'utf8');
		const precached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
		const built = readdirSync(join(ROOT, 'build/_app'), { recursive: true, encoding: 'utf8' })
			.filter((f) => /\.(js|css)$/.test(f))
			.map((f) => `_app/${f.replaceAll('\\', '/')}`);
		expect(built.length).toBeGreaterThan(10);
		const expected = [
			'index.html',
			'manifest.webmanifest',
			'favicon.svg',
			'icons/icon-192.png',
			'icons/icon-512.png',
			'icons/maskable-512.png',
			'icons/apple-touch-icon.png',
			...built
		];
		expect(expected.filter((url) => !precached.has(url))).toEqual([]);
		expect(sw).toContain('createHandlerBoundToURL("index.html")');
	});
});
