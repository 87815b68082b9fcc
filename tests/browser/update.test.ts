/** Issue 2: a new version of the app is offered with "Update available — Reload", never forced. */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, waitForServiceWorker } from './harness';
import { ROOT } from './server';
import { useHarness } from './suite';

// A copy of the build the test can "deploy" a new version into.
const staticDir = mkdtempSync(join(tmpdir(), 'fieldbook-build-'));
cpSync(join(ROOT, 'build'), staticDir, { recursive: true });
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

const harness = useHarness({ env: { STATIC_DIR: staticDir } });

async function waitingWorker(page: import('playwright-core').Page): Promise<boolean> {
	return page.evaluate(async () =>
		Boolean((await navigator.serviceWorker.getRegistration())?.waiting)
	);
}

describe('app update', () => {
	it('shows the prompt when a new service worker waits, and reloads into it on Reload', async () => {
		const page = await harness.current.newPage();
		const context = page.context();
		await openApp(page, '/');
		await waitForServiceWorker(page);
		const reload = page.getByRole('button', { name: 'Reload', exact: true });
		expect(await reload.count()).toBe(0);

		appendFileSync(join(staticDir, 'sw.js'), '\n// next version\n');
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())?.update();
		});
		await reload.waitFor({ state: 'visible', timeout: 30_000 });
		expect(await page.getByRole('alert').filter({ hasText: 'Update available' }).count()).toBe(1);
		expect(await waitingWorker(page)).toBe(true);

		const reloaded = page.waitForEvent('load', { timeout: 30_000 });
		await reload.click();
		await reloaded;
		await openApp(page, '/');
		expect(await waitingWorker(page)).toBe(false);
		expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
		expect(await reload.count()).toBe(0);
		await context.close();
	});
});
