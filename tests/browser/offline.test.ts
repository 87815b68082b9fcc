/** Issue 2: records survive an offline reload, and the app shell comes from the service worker. */
import { describe, expect, it } from 'vitest';
import { openApp, waitForAppShell, waitForServiceWorker } from './harness';
import { useHarness } from './suite';
import { createCustomer, expectListed, openCustomerList } from './customers';

const harness = useHarness();

describe('offline', () => {
	it('keeps a customer through an offline reload and adds another offline', async () => {
		const page = await harness.current.newPage();
		const context = page.context();
		await openApp(page, '/customers');
		await waitForServiceWorker(page);
		await createCustomer(page, { name: '王小明', company: '杭州明远贸易', phone: '13800138000' });
		await openCustomerList(page);
		await expectListed(page, '王小明');

		await context.setOffline(true);
		await page.reload();
		await waitForAppShell(page);
		await expectListed(page, '王小明');

		await createCustomer(page, { name: 'Olivia Offline', email: 'olivia@example.com' });
		await page.reload();
		await waitForAppShell(page);
		await openCustomerList(page);
		await expectListed(page, 'Olivia Offline');
		await expectListed(page, '王小明');
		await context.close();
	});

	it('loads the app shell from the service worker with no network', async () => {
		const page = await harness.current.newPage();
		const context = page.context();
		await openApp(page, '/');
		await waitForServiceWorker(page);

		await context.setOffline(true);
		const response = await page.reload();
		expect(response?.fromServiceWorker()).toBe(true);
		await waitForAppShell(page);
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
		expect(await page.getByTestId('network-status').textContent()).toContain('Offline');

		// A deep link opened offline is answered with the precached shell too.
		const deep = await page.goto('/customers/new');
		expect(deep?.fromServiceWorker()).toBe(true);
		await waitForAppShell(page);
		await context.close();
	});
});
