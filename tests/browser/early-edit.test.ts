/**
 * Issue 3, "nothing typed is lost": an edit saved right after a page opens, before the sync
 * code has loaded, still reaches the server with the state it was based on, so the field
 * merge keeps another device's change of another field (db/edit-gate.ts).
 */
import { describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { openApp, waitForServiceWorker } from './harness';
import { useHarness } from './suite';
import { createCustomer } from './customers';
import { TEST_ADMIN } from './session';

const harness = useHarness();

/** The server's copy of one customer, for the test admin. */
async function serverCustomer(request: APIRequestContext, id: string) {
	const login = await request.post('/api/auth/login', { data: TEST_ADMIN });
	const { token } = (await login.json()) as { token: string };
	const res = await request.get('/api/sync/customers/pull?limit=1000', {
		headers: { authorization: `Bearer ${token}` }
	});
	const { documents } = (await res.json()) as { documents: Record<string, unknown>[] };
	return documents.find((d) => d.id === id);
}

const badge = async (page: Page) => (await page.getByTestId('sync-status').textContent()) ?? '';

describe('an edit before the sync code loads', () => {
	it('is pushed with its base: another device’s change of another field stays', async () => {
		const phone = await (await harness.current.newContext()).newPage();
		const laptop = await (await harness.current.newContext()).newPage();
		await createCustomer(phone, { name: 'Early Edit', company: 'First Co' });
		await waitForServiceWorker(phone);
		const id = /\/customers\/([0-9a-f-]{36})/.exec(new URL(phone.url()).pathname)?.[1] ?? '';

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
		await expect.poll(() => badge(phone), { timeout: 15_000 }).toContain('Synced');

		// Opened afresh and saved at once: the edit page marks no first content, so the sync
		// code would only load 3 s later.
		await laptop.goto(`/customers/${id}/edit`);
		await laptop.getByLabel('Notes', { exact: true }).fill('Laptop note');
		await laptop.getByRole('button', { name: 'Save', exact: true }).click();
		await laptop.waitForURL((url) => url.pathname === `/customers/${id}`);
		await laptop.context().setOffline(false);
		await expect.poll(() => badge(laptop), { timeout: 20_000 }).toContain('Synced');

		const stored = await serverCustomer(phone.request, id);
		expect(stored).toMatchObject({ company: 'Phone Co', notes: 'Laptop note' });
	});
});
