/**
 * Issue 3, "nothing typed is lost": an edit saved right after a page opens, before the sync
 * code has loaded, still reaches the server with the state it was based on, so the field
 * merge keeps another device's change of another field (db/edit-gate.ts).
 */
import { describe, expect, it } from 'vitest';
import { openApp, waitForServiceWorker } from './harness';
import { useHarness } from './suite';
import { createCustomer } from './customers';
import { customerIdOf, serverCustomers, syncBadgeText } from './sync-steps';

const harness = useHarness();

describe('an edit before the sync code loads', () => {
	it('is pushed with its base: another device’s change of another field stays', async () => {
		const phone = await (await harness.current.newContext()).newPage();
		const laptop = await (await harness.current.newContext()).newPage();
		await createCustomer(phone, { name: 'Early Edit', company: 'First Co' });
		await waitForServiceWorker(phone);
		const id = customerIdOf(phone);

		await openApp(laptop, `/customers/${id}`);
		await waitForServiceWorker(laptop);
		await expect
			.poll(() => laptop.getByText('First Co').count(), { timeout: 20_000 })
			.toBeGreaterThan(0);
		await laptop.context().setOffline(true);

		await openApp(phone, `/customers/${id}/edit`);
		await phone.getByLabel('Company', { exact: true }).fill('Phone Co');
		await phone.getByRole('button', { name: 'Save', exact: true }).click();
		await phone.waitForURL((url) => url.pathname === `/customers/${id}`);
		await expect.poll(() => syncBadgeText(phone), { timeout: 15_000 }).toContain('Synced');

		// Opened afresh and saved at once: the edit page marks no first content, so the sync
		// code would only load 3 s later.
		await laptop.goto(`/customers/${id}/edit`);
		await laptop.getByLabel('Notes', { exact: true }).fill('Laptop note');
		await laptop.getByRole('button', { name: 'Save', exact: true }).click();
		await laptop.waitForURL((url) => url.pathname === `/customers/${id}`);
		await laptop.context().setOffline(false);
		await expect.poll(() => syncBadgeText(laptop), { timeout: 20_000 }).toContain('Synced');

		const stored = (await serverCustomers(phone.request)).find((d) => d.id === id);
		expect(stored).toMatchObject({ company: 'Phone Co', notes: 'Laptop note' });
	});
});
