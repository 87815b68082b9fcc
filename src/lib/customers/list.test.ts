import { describe, expect, it } from 'vitest';
import { filterCustomers, isFiltered, sortCustomers, tagsInUse } from './list';
import type { Grade, Stage } from '$lib/domain/customer';

function c(name: string, stage: Stage, updatedAt: number, grade?: Grade, interests: string[] = []) {
	return { name, stage, updatedAt, grade, interests };
}
const list = [
	c('王五', 'customer', 3, 'b', ['Tea']),
	c('安娜', 'lead', 1, undefined, ['tea', 'golf']),
	c('Bob', 'prospect', 2, 'a'),
	c('张三', 'lead', 4, 'a', ['golf'])
];

describe('customer list sorting', () => {
	it('sorts by recent edit first', () => {
		expect(sortCustomers(list, 'recent').map((x) => x.name)).toEqual([
			'张三',
			'王五',
			'Bob',
			'安娜'
		]);
	});

	it('sorts names with Chinese collation (by pinyin)', () => {
		const names = sortCustomers(list, 'name').map((x) => x.name);
		expect(names.indexOf('安娜')).toBeLessThan(names.indexOf('王五'));
		expect(names.indexOf('王五')).toBeLessThan(names.indexOf('张三'));
	});

	it('sorts by stage in funnel order, then name', () => {
		expect(sortCustomers(list, 'stage').map((x) => x.stage)).toEqual([
			'lead',
			'lead',
			'prospect',
			'customer'
		]);
	});

	it('sorts by grade with ungraded last', () => {
		expect(sortCustomers(list, 'grade').map((x) => x.grade)).toEqual(['a', 'a', 'b', undefined]);
	});

	it('does not change the input', () => {
		sortCustomers(list, 'name');
		expect(list[0].name).toBe('王五');
	});
});

describe('customer list filters', () => {
	it('filters by stage, grade and tag together', () => {
		expect(filterCustomers(list, { stage: 'lead' }).map((x) => x.name)).toEqual(['安娜', '张三']);
		expect(filterCustomers(list, { grade: 'a' }).map((x) => x.name)).toEqual(['Bob', '张三']);
		expect(filterCustomers(list, { stage: 'lead', grade: 'a' }).map((x) => x.name)).toEqual([
			'张三'
		]);
		expect(filterCustomers(list, { tag: 'TEA' }).map((x) => x.name)).toEqual(['王五', '安娜']);
	});

	it('returns everything without criteria', () => {
		expect(filterCustomers(list, {})).toHaveLength(4);
		expect(isFiltered({})).toBe(false);
		expect(isFiltered({ tag: 'golf' })).toBe(true);
	});

	it('lists tags most used first', () => {
		expect(tagsInUse(list)).toEqual(['golf', 'Tea', 'tea']);
	});
});
