/**
 * Issue 3, app side: two browser contexts are two devices of one user. An edit made
 * offline on one reaches the other live once it reconnects, and sign-out keeps changes
 * that have not synced until the same user signs in again.
 */
import { describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { openApp, waitForServiceWorker } from './harness';
import { useHarness } from './suite';
import { createCustomer } from './customers';
import { signIn } from './session';
import { customerIdOf, serverCustomers, syncBadgeText } from './sync-steps';

const harness = useHarness();

/** The customers the server holds for the test admin (names of live records). */
async function serverCustomerNames(request: APIRequestContext): Promise<string[]> {
	return (await serverCustomers(request)).filter((d) => !d._deleted).map((d) => d.name as string);
}

describe('sync between devices', () => {
	it('brings an edit made offline on one device to the other live, without reload', async () => {
		const phone = await (await harness.current.newContext()).newPage();
		const laptop = await (await harness.current.newContext()).newPage();

		await createCustomer(phone, { name: 'Chen Jing', company: 'Before Ltd' });
		await waitForServiceWorker(phone);
		const id = customerIdOf(phone);

		await openApp(laptop, `/customers/${id}`);
		await expect
			.poll(() => laptop.getByText('Before Ltd').count(), { timeout: 20_000 })
			.toBeGreaterThan(0);

		await phone.context().setOffline(true);
		await openApp(phone, `/customers/${id}/edit`);
		await phone.getByLabel('Company', { exact: true }).fill('Offline Edit Ltd');
		await phone.getByRole('button', { name: 'Save', exact: true }).click();
		await phone.waitForURL((url) => url.pathname === `/customers/${id}`);
		await expect.poll(() => syncBadgeText(phone), { timeout: 10_000 }).toContain('1 waiting');
		expect(await laptop.getByText('Offline Edit Ltd').count()).toBe(0);

		await phone.context().setOffline(false);
		await expect
			.poll(() => laptop.getByText('Offline Edit Ltd').count(), {
				timeout: 30_000,
				message: 'the edit reaches the laptop live'
			})
			.toBeGreaterThan(0);
		await expect.poll(() => syncBadgeText(phone), { timeout: 15_000 }).toContain('Synced');
		expect(await laptop.getByText('Before Ltd').count()).toBe(0);
	});

	it('keeps changes that have not synced through sign-out and sends them at the next sign-in', async () => {
		const page = await (await harness.current.newContext()).newPage();
		await openApp(page, '/customers');
		await waitForServiceWorker(page);
		await page.context().setOffline(true);
		await createCustomer(page, { name: 'Kept Through Signout' });

		await openApp(page, '/sync');
		await expect
			.poll(() => page.getByTestId('sync-waiting-total').textContent(), { timeout: 10_000 })
			.toContain('1 change');
		await page.getByRole('button', { name: 'Sign out', exact: true }).click();
		await expect
			.poll(() => page.getByRole('alertdialog').textContent())
			.toContain('1 change has not reached the server yet');
		await page.getByRole('button', { name: 'Sign out anyway' }).click();
		await page.waitForURL((url) => url.pathname === '/login');

		await page.context().setOffline(false);
		expect(await serverCustomerNames(page.request)).not.toContain('Kept Through Signout');

		await signIn(page);
		await expect
			.poll(() => serverCustomerNames(page.request), {
				timeout: 30_000,
				message: 'the kept change is pushed after sign-in'
			})
			.toContain('Kept Through Signout');
		await openApp(page, '/customers');
		await expect
			.poll(() => page.getByText('Kept Through Signout').count(), { timeout: 10_000 })
			.toBeGreaterThan(0);
	});
});
