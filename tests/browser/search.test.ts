/** Issue 2: search as you type finds Chinese names by pinyin initials. */
import { describe, it } from 'vitest';
import { useHarness } from './suite';
import { createCustomer, expectListed, expectNotListed, openCustomerList } from './customers';

const harness = useHarness();

describe('customer search', () => {
	it('finds 张三 by "zs" and leaves 李四 out', async () => {
		const page = await harness.current.newPage();
		const context = page.context();
		await createCustomer(page, { name: '张三' });
		await createCustomer(page, { name: '李四' });
		await openCustomerList(page);
		await expectListed(page, '张三');
		await expectListed(page, '李四');

		await page
			.getByRole('searchbox', { name: 'Search' })
			.or(page.getByRole('textbox', { name: 'Search' }))
			.first()
			.fill('zs');
		await expectListed(page, '张三');
		await expectNotListed(page, '李四');
		await context.close();
	});
});
