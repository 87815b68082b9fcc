/**
 * Issue 4: the dashboard is computed on the device and follows the records live. The
 * report worker reads the device's database itself (the page holds no records); an order
 * saved in another tab of the same device (as a sync arriving would) changes the revenue
 * figure without a reload, and the tile's customer list comes from the worker; a report's
 * table downloads as CSV with its header.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp } from './harness';
import { createCustomer } from './customers';
import { useHarness } from './suite';

const harness = useHarness();

function revenueTile(page: Page) {
	return page.locator('[data-kpi="revenue"] .value');
}

async function addPaidOrder(
	page: Page,
	customerPath: string,
	product: string,
	quantity: string,
	unitPrice: string
) {
	await openApp(page, `${customerPath}/orders/new`);
	await page.getByLabel('Product', { exact: true }).fill(product);
	await page.getByLabel('Quantity', { exact: true }).fill(quantity);
	await page.getByLabel('Unit price', { exact: true }).fill(unitPrice);
	await page.getByLabel('Status', { exact: true }).selectOption('paid');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await page.waitForURL((url) => !url.pathname.endsWith('/orders/new'));
}

describe('reports dashboard', () => {
	it('updates revenue live when an order is added, and exports CSV', async () => {
		const context = await harness.current.newContext();
		const dashboard = context.pages()[0] ?? (await context.newPage());
		await createCustomer(dashboard, { name: '报表客户 Report Co' });
		const customerPath = new URL(dashboard.url()).pathname;
		expect(customerPath).toMatch(/^\/customers\/[^/]+$/);

		const warnings: string[] = [];
		dashboard.on('console', (m) => {
			if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
		});
		await openApp(dashboard, '/reports');
		await expect
			.poll(() => dashboard.locator('[data-reports-mode]').getAttribute('data-reports-mode'))
			.toBe('worker');
		await expect
			.poll(() => revenueTile(dashboard).textContent(), { timeout: 20_000 })
			.toBe('CN¥0.00');
		await expect
			.poll(() => dashboard.locator('[data-kpi="customers"] .value').textContent())
			.toBe('1');
		await dashboard.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

		const editor = await context.newPage();
		await addPaidOrder(editor, customerPath, 'Green tea', '2', '125');

		await expect
			.poll(() => revenueTile(dashboard).textContent(), {
				timeout: 20_000,
				message: 'the revenue tile should follow the new order'
			})
			.toBe('CN¥250.00');
		expect(await dashboard.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
			true
		);
		// The worker answered throughout: no fallback to computing on the page.
		expect(await dashboard.locator('[data-reports-mode]').getAttribute('data-reports-mode')).toBe(
			'worker'
		);
		expect(warnings.filter((w) => w.includes('Reports run on the page'))).toEqual([]);

		// The revenue tile lists the customers behind it (a drill answered by the worker).
		await dashboard.locator('[data-kpi="revenue"] button').click();
		await dashboard
			.getByRole('region', { name: /Customers/ })
			.getByRole('link', { name: /Report Co/ })
			.waitFor({ timeout: 15_000 });
		await dashboard.getByRole('button', { name: 'Close', exact: true }).click();

		// Cancelling the order (an edit of an existing record) takes the revenue back to zero;
		// paying it again brings it back.
		for (const [status, revenue] of [
			['cancelled', 'CN¥0.00'],
			['paid', 'CN¥250.00']
		]) {
			await openApp(editor, `${customerPath}?tab=orders`);
			await editor.locator('a[href*="/orders/"]:not([href$="/orders/new"])').first().click();
			await editor.getByLabel('Status', { exact: true }).selectOption(status);
			await editor.getByRole('button', { name: 'Save', exact: true }).click();
			await editor.waitForURL((url) => !/\/orders\/[^/]+$/.test(url.pathname));
			await expect
				.poll(() => revenueTile(dashboard).textContent(), {
					timeout: 20_000,
					message: `the revenue tile should follow the order edited to ${status}`
				})
				.toBe(revenue);
		}

		const [download] = await Promise.all([
			dashboard.waitForEvent('download'),
			dashboard.getByRole('button', { name: 'Download CSV of Key figures' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(
			/^fieldbook-overview-figures-\d{4}-\d{2}-\d{2}\.csv$/
		);
		const csv = await readFile((await download.path())!, 'utf8');
		expect(csv.startsWith('\uFEFFFigure,Value\r\n')).toBe(true);
		expect(csv).toContain('Revenue,');

		await dashboard.getByRole('link', { name: 'Sales' }).click();
		const products = dashboard.getByRole('article', { name: 'Revenue by product' });
		await products.getByRole('button', { name: 'Table' }).click();
		await expect
			.poll(() => products.getByRole('row', { name: /Green tea/ }).textContent())
			.toContain('250');
		await openApp(editor, customerPath);
		await editor
			.getByRole('heading', { name: 'Customers who bought the same also bought' })
			.waitFor({ timeout: 15_000 });
		await editor.getByText('No suggestions yet', { exact: false }).waitFor();
		await context.close();
	});

	it("shows the last visit's figures, marked as such, until the worker has read the records", async () => {
		const context = await harness.current.newContext();
		const page = context.pages()[0] ?? (await context.newPage());
		await createCustomer(page, { name: 'Figures Co' });
		await createCustomer(page, { name: 'Figures Two' });
		await openApp(page, '/reports');
		// Customers synced from the file's other test are on this device too.
		const count = page.locator('[data-kpi="customers"] .value');
		await expect.poll(async () => Number(await count.textContent()), { timeout: 20_000 }).toBe(3);
		await page.waitForTimeout(1500); // the figures are written a moment after they are shown
		await page.goto('/settings');
		const table = await page.evaluate(async () =>
			(await indexedDB.databases())
				.map((d) => d.name ?? '')
				.find((n) => /^rxdb-dexie-fieldbook_.*--customers$/.test(n))
		);
		expect(table).toBeTruthy();
		// A write transaction held on the customers table keeps the worker from reading it.
		const held = page.evaluate(async (name) => {
			const db = await new Promise<IDBDatabase>((ok, fail) => {
				const r = indexedDB.open(name);
				r.onsuccess = () => ok(r.result);
				r.onerror = () => fail(r.error);
			});
			const store = db.transaction('docs', 'readwrite').objectStore('docs');
			const until = Date.now() + 6000;
			while (Date.now() < until) await new Promise((ok) => (store.count().onsuccess = ok));
			db.close();
		}, table!);
		const dashboard = await context.newPage();
		await dashboard.goto('/reports');
		const stale = dashboard.locator('p.stale');
		await stale.waitFor({ timeout: 5000 });
		expect(await stale.textContent()).toContain('Figures as of');
		expect(await dashboard.locator('[data-kpi="customers"] .value').textContent()).toBe('3');
		await held;
		await stale.waitFor({ state: 'detached', timeout: 20_000 });
		expect(await dashboard.locator('[data-kpi="customers"] .value').textContent()).toBe('3');
		await context.close();
	});

	it('shows the kept figures as fresh at once when no record changed since they were computed, and not after a change', async () => {
		const context = await harness.current.newContext();
		const page = context.pages()[0] ?? (await context.newPage());
		await createCustomer(page, { name: 'Settled Co' });
		await openApp(page, '/reports');
		// The two earlier tests' customers sync to this device too.
		const customers = (p: Page) => p.locator('[data-kpi="customers"] .value');
		await expect
			.poll(async () => Number(await customers(page).textContent()), { timeout: 20_000 })
			.toBe(4);
		// Kept as fresh only once the records are settled: 10 s after the latest write.
		await expect
			.poll(
				() =>
					page.evaluate(async () => {
						const db = await new Promise<IDBDatabase>((ok, fail) => {
							const r = indexedDB.open('fieldbook-report-figures');
							r.onsuccess = () => ok(r.result);
							r.onerror = () => fail(r.error);
						});
						const all = await new Promise<unknown[]>((ok) => {
							const r = db.transaction('figures').objectStore('figures').getAll();
							r.onsuccess = () => ok(r.result);
						});
						db.close();
						return all.some((v) => !!(JSON.parse(String(v)) as { data?: string }).data);
					}),
				{ timeout: 30_000, interval: 500 }
			)
			.toBe(true);
		await page.goto('/settings');

		/** A dashboard page that notes whether a "figures as of" note ever showed, and when the figures did. */
		const visit = async () => {
			const dashboard = await context.newPage();
			await dashboard.addInitScript(() => {
				const w = window as unknown as { staleSeen: boolean; shownAt?: number };
				w.staleSeen = false;
				new MutationObserver(() => {
					if (document.querySelector('p.stale')) w.staleSeen = true;
					if (w.shownAt === undefined && document.querySelector('[data-kpi="customers"] .value'))
						w.shownAt = performance.now();
				}).observe(document, { subtree: true, childList: true });
			});
			await dashboard.goto('/reports');
			await dashboard
				.waitForFunction(() => performance.getEntriesByName('fieldbook:reports-loaded').length > 0)
				.catch(() => undefined);
			return dashboard;
		};
		const seen = (dashboard: Page) =>
			dashboard.evaluate(() => {
				const w = window as unknown as { staleSeen: boolean; shownAt?: number };
				const mark = (name: string) =>
					performance.getEntriesByName(name)[0] as PerformanceMark | undefined;
				return {
					staleSeen: w.staleSeen,
					shownAt: w.shownAt,
					loadedAt: mark('fieldbook:reports-loaded')?.startTime,
					fresh: (mark('fieldbook:reports-figures-read')?.detail as { fresh?: boolean })?.fresh
				};
			});

		const again = await visit();
		await expect.poll(async () => (await seen(again)).loadedAt).toBeGreaterThan(0);
		const kept = await seen(again);
		expect(kept.fresh).toBe(true);
		expect(kept.staleSeen).toBe(false);
		// Shown before the worker had read the records.
		expect(kept.shownAt).toBeLessThan(kept.loadedAt!);
		expect(await customers(again).textContent()).toBe('4');
		await again.close();

		// A record written while no dashboard is open: the kept figures are not fresh any more.
		await createCustomer(page, { name: 'Changed Co' });
		const changed = await visit();
		await expect
			.poll(async () => Number(await customers(changed).textContent()), { timeout: 20_000 })
			.toBe(5);
		const after = await seen(changed);
		expect(after.fresh).toBe(false);
		expect(after.staleSeen).toBe(true);
		await context.close();
	});
});
