import { describe, expect, it } from 'vitest';
import { loadPinyin, pinyinLoaded, SearchIndex } from './search';

describe('customer search before the pinyin dictionary has loaded', () => {
	it('finds by characters at once, and by pinyin once the dictionary is there', async () => {
		const index = new SearchIndex();
		const all = [{ id: '1', updatedAt: 1, name: '张三', phones: [], emails: [] }];
		expect(pinyinLoaded()).toBe(false);
		expect(index.search(all, '张').map((c) => c.id)).toEqual(['1']);
		expect(index.search(all, 'zs')).toEqual([]);
		await loadPinyin();
		expect(index.search(all, 'zs').map((c) => c.id)).toEqual(['1']);
	});
});
