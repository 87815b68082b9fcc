/**
 * Issue 3: the "waiting to sync" count reaches zero once a large batch of local writes has
 * been pushed, without a reload (RxDB moves its push checkpoint after the pushes, so a
 * count from the checkpoint alone stayed stuck at thousands).
 */
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { useHarness } from './suite';

const harness = useHarness();

describe('waiting changes', () => {
	it('counts down to Synced after loading demo data', async () => {
		const page = await harness.current.newPage();
		await openApp(page, '/settings');
		await page.locator('select:has(option[value="2000"])').selectOption('2000');
		await page.getByRole('button', { name: 'Load demo data' }).click();
		const badge = page.getByTestId('sync-status');
		await expect
			.poll(async () => (await badge.innerText()).replace(/\s+/g, ' '), { timeout: 90_000 })
			.toMatch(/waiting|Syncing/);
		await expect
			.poll(async () => (await badge.innerText()).replace(/\s+/g, ' '), {
				timeout: 120_000,
				interval: 1000
			})
			.toMatch(/Synced/);
		await page.context().close();
	});
});
