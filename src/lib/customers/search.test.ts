import { beforeAll, describe, expect, it } from 'vitest';
import { loadPinyin, pinyinForms, queryTokens, SearchIndex, searchKeyOf } from './search';

const base = { updatedAt: 1, phones: [] as string[], emails: [] as string[] };
const zhang = {
	...base,
	id: '1',
	name: '张三',
	company: '华为技术',
	phones: ['+8613800138000'],
	emails: ['zs@example.com']
};
const li = { ...base, id: '2', name: 'Li Si', company: 'Acme Ltd', phones: ['+442079460958'] };
const zeng = { ...base, id: '3', name: '曾小明', company: undefined };
const all = [zhang, li, zeng];

function names(q: string, index = new SearchIndex()) {
	return index.search(all, q).map((c) => c.name);
}

describe('customer search', () => {
	beforeAll(() => loadPinyin());

	it('finds a Chinese name by pinyin initials and by full pinyin', () => {
		expect(names('zs')).toEqual(['张三']);
		expect(names('zhangsan')).toEqual(['张三']);
		expect(names('zhang san')).toEqual(['张三']);
		expect(names('张')).toEqual(['张三']);
	});

	it('reads a surname by its surname pronunciation', () => {
		expect(pinyinForms('曾小明', true).full).toBe('zengxiaoming');
		expect(names('zxm')).toEqual(['曾小明']);
	});

	it('finds by company, including its pinyin', () => {
		expect(names('acme')).toEqual(['Li Si']);
		expect(names('huawei')).toEqual(['张三']);
		expect(names('hwjs')).toEqual(['张三']);
	});

	it('finds by phone as typed, national or international', () => {
		expect(names('138 0013 8000')).toEqual(['张三']);
		expect(names('13800138000')).toEqual(['张三']);
		expect(names('+86138')).toEqual(['张三']);
		expect(names('020-7946')).toEqual(['Li Si']);
	});

	it('finds by email, case-insensitively', () => {
		expect(names('ZS@EXAMPLE')).toEqual(['张三']);
	});

	it('needs every word to match and ignores case and spaces', () => {
		expect(names('li acme')).toEqual(['Li Si']);
		expect(names('lisi')).toEqual(['Li Si']);
		expect(names('li huawei')).toEqual([]);
		expect(names('   ')).toEqual(['张三', 'Li Si', '曾小明']);
	});

	it('splits what was typed into tokens, stripping phone punctuation', () => {
		expect(queryTokens(' Zhang  (010)-1234 ')).toEqual(['zhang', '0101234']);
	});

	it('caches keys by id and updatedAt and rebuilds them after an edit', () => {
		const index = new SearchIndex();
		expect(names('wangwu', index)).toEqual([]);
		const renamed = { ...zhang, name: '王五', updatedAt: 2 };
		expect(index.search([renamed], 'wangwu')).toEqual([renamed]);
		expect(index.search([renamed], 'zhangsan')).toEqual([]);
		expect(index.size).toBe(3);
	});

	it('narrows the previous results while typing on, and starts over otherwise', () => {
		const index = new SearchIndex();
		expect(index.search(all, 'z').map((c) => c.id)).toEqual(['1', '3']);
		expect(index.search(all, 'zs').map((c) => c.id)).toEqual(['1']);
		expect(index.search(all, 'z').map((c) => c.id)).toEqual(['1', '3']);
		expect(index.search(all, 'zeng').map((c) => c.id)).toEqual(['3']);
		const edited = [...all, { ...base, id: '4', name: '曾经' }];
		expect(index.search(edited, 'zeng').map((c) => c.id)).toEqual(['3', '4']);
	});

	it('keeps the given order', () => {
		const index = new SearchIndex();
		expect(index.search([zeng, zhang], 'z').map((c) => c.id)).toEqual(['3', '1']);
	});

	it('builds keys without pinyin for names without Chinese', () => {
		expect(searchKeyOf(li)).not.toMatch(/[\u3400-\u9fff]/);
		expect(pinyinForms('Acme')).toEqual({ full: '', initials: '' });
	});

	it('warms the cache for every customer', async () => {
		const index = new SearchIndex();
		await index.warm(all, 2);
		expect(index.size).toBe(3);
	});
});
