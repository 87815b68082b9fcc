/**
 * Issue 3, "nothing typed is lost": an edit form saves only the fields the user changed, so a
 * change to another field that reached the device while the form was open (here written in a
 * second tab, as a pull would write it) is not undone by Save.
 */
import { describe, expect, it } from 'vitest';
import { createCustomer } from './customers';
import { openApp } from './harness';
import { useHarness } from './suite';

const harness = useHarness();

describe('edit form', () => {
	it('keeps a field changed elsewhere while the form was open', async () => {
		const page = await harness.current.newPage();
		const context = page.context();
		await createCustomer(page, { name: 'Form Opened', company: 'Old Co' });
		const detail = new URL(page.url()).pathname;
		await openApp(page, `${detail}/edit`);
		await page.getByLabel('Name', { exact: true }).fill('Form Saved');

		const other = await context.newPage();
		await openApp(other, `${detail}/edit`);
		await other.getByLabel('Company', { exact: true }).fill('Changed Elsewhere');
		await other.getByRole('button', { name: 'Save', exact: true }).click();
		await other.waitForURL((url) => url.pathname === detail);

		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await page.waitForURL((url) => url.pathname === detail);
		await openApp(page, detail);
		await expect.poll(() => page.locator('h1').first().innerText()).toBe('Form Saved');
		await expect
			.poll(() => page.getByText('Changed Elsewhere').count(), { timeout: 10_000 })
			.toBeGreaterThan(0);
		expect(await page.getByText('Old Co').count()).toBe(0);
		await context.close();
	});
});
