/** Issue 2: Chromium finds the app installable, and nothing is fetched from outside the server. */
import { describe, expect, it } from 'vitest';
import { openApp, waitForServiceWorker } from './harness';
import { useHarness } from './suite';

const harness = useHarness();

describe('installable PWA', () => {
	it('has no installability errors and a manifest with icons and shortcuts', async () => {
		const context = await harness.current.newContext();
		const page = context.pages()[0] ?? (await context.newPage());
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
		const context = await harness.current.newContext();
		const page = context.pages()[0] ?? (await context.newPage());
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
