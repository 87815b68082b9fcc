/**
 * Issue 4: the dashboard is computed on the device and follows the records live. An order
 * saved in another tab of the same device (as a sync arriving would) changes the revenue
 * figure without a reload; a report's table downloads as CSV with its header.
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

		await openApp(dashboard, '/reports');
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
});
