/**
 * Issue 2: the first page's JavaScript stays under budget. A module reached before the
 * paint that imports full zod, or a new library on the first page, breaks this before
 * the benchmark would show it (bench/app-bundle.ts prints the breakdown).
 */
import { describe, expect, it } from 'vitest';
import { createCustomer } from './customers';
import { openApp } from './harness';
import { FIRST_PAGE_BUDGET, PAINT_MARKS, scriptsOf, sizeScript } from './first-page-js';
import { useHarness } from './suite';

const harness = useHarness();

describe('first-page JavaScript', () => {
	it('loads no full zod and stays under 200 KB gzipped before Today and the list paint', async () => {
		const page = await harness.current.newPage();
		await createCustomer(page, { name: 'First Page' });
		for (const path of ['/', '/customers']) {
			await openApp(page, path);
			await page.reload();
			await openApp(page, path);
			const mark = PAINT_MARKS[path];
			await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, {
				timeout: 30_000
			});
			const { before } = await scriptsOf(page, mark);
			const sized = before.map(sizeScript);
			const withFullZod = sized.filter((s) => s.libraries.includes('full zod (not zod/mini)'));
			expect(
				withFullZod.map((s) => s.file),
				`full zod before ${mark}`
			).toEqual([]);
			const total = sized.reduce((n, s) => n + s.gzip, 0);
			expect(total, `${path}: ${sized.length} scripts`).toBeLessThan(FIRST_PAGE_BUDGET);
		}
		await page.context().close();
	});
});
