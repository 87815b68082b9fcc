/**
 * Two tabs of one device after its first sync: an edit made in the tab that does not run
 * the replication (another tab leads) reaches the server with its base, so the server's
 * field-level merge keeps another device's change of another field (docs/APP-SYNC.md,
 * "First sync": the base keeper runs in every tab). Fails on f01996c, where the edit was
 * pushed without a base and the device's change was lost in the merge.
 */
import { describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { newCustomer } from '../node/protocol-client';
import type { WireDoc } from '$lib/domain/sync/protocol';
import { openApp } from './harness';
import { useHarness } from './suite';
import { adminSession, serverCustomers } from './sync-steps';

const harness = useHarness();

async function serverCustomer(request: APIRequestContext, token: string, id: string) {
	const documents = (await serverCustomers(request, token)) as WireDoc[];
	return documents.filter((d) => d.id === id).at(-1);
}

async function pushCustomer(
	request: APIRequestContext,
	token: string,
	row: { newDocumentState: WireDoc; assumedMasterState?: WireDoc }
) {
	const res = await request.post('/api/sync/customers/push', {
		headers: { authorization: `Bearer ${token}` },
		data: [row]
	});
	expect(res.ok()).toBe(true);
}

describe('two tabs of one device', () => {
	it('pushes an edit made in the tab that does not sync with its base', async () => {
		// The server set up, and one customer on it before the device's first sync (the
		// setting-up context stays open only for its API requests).
		const first = await (await harness.current.newContext()).newPage();
		await openApp(first, '/');
		const request = first.request;
		const { token, user } = await adminSession(request);
		const customer = newCustomer(user.id, { name: 'Tab Base', company: 'Before Ltd' });
		await pushCustomer(request, token, { newDocumentState: customer });

		// A fresh device: the first tab signs in, syncs (leads); a second tab opens the form.
		const device = await harness.current.newContext();
		const leading = await device.newPage();
		await openApp(leading, '/');
		const other = await device.newPage();
		await openApp(other, `/customers/${customer.id}/edit`);
		const company = other.getByLabel('Company', { exact: true });
		await expect.poll(() => company.inputValue(), { timeout: 30_000 }).toBe('Before Ltd');
		// The base keeper is installed with the sync code, which loads after the page's first
		// content (at most 3 s; this page marks none).
		await other.waitForFunction(
			() => performance.getEntriesByName('fieldbook:sync:loaded').length > 0,
			undefined,
			{ timeout: 10_000 }
		);
		expect(
			await other.evaluate(
				() => performance.getEntriesByName('fieldbook:sync:customers:lead').length
			)
		).toBe(0);

		// The second tab edits the company; its push is held until another device has renamed
		// the customer, so the server merges the two.
		let release = () => {};
		const renamed = new Promise<void>((resolve) => (release = resolve));
		await device.route('**/api/sync/customers/push', async (route) => {
			await renamed;
			await route.continue();
		});
		await company.fill('Second Tab Ltd');
		await other.getByRole('button', { name: 'Save', exact: true }).click();
		await other.waitForURL((url) => url.pathname === `/customers/${customer.id}`);
		const stored = (await serverCustomer(request, token, customer.id))!;
		expect(stored.company).toBe('Before Ltd');
		await pushCustomer(request, token, {
			newDocumentState: { ...stored, name: 'Renamed elsewhere', updatedAt: Date.now() },
			assumedMasterState: stored
		});
		release();

		// Both changes survive the server's merge: the edit was pushed with its base.
		await expect
			.poll(async () => await serverCustomer(request, token, customer.id), { timeout: 30_000 })
			.toMatchObject({ company: 'Second Tab Ltd', name: 'Renamed elsewhere' });
		await device.close();
		await first.context().close();
	});
});
