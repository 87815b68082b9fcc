import { describe, expect, it } from 'vitest';
import { at, customer, dataset, order, sale, service } from '$lib/reports/fixtures';
import { drillCustomers } from './drill';

const data = dataset({
	customers: [
		customer('a', {
			name: 'Ann',
			stage: 'lead',
			interests: ['vip'],
			createdAt: at('2024-03-05T10:00')
		}),
		customer('b', {
			name: 'Bob',
			stage: 'lead',
			ownerId: 'rep2',
			createdAt: at('2024-01-05T10:00')
		}),
		customer('c', {
			name: 'Cat',
			stage: 'customer',
			interests: ['vip'],
			createdAt: at('2024-03-20T10:00')
		}),
		customer('gone', { name: 'Gone', stage: 'lead', _deleted: true })
	],
	orders: [
		order('o1', 'a', '2024-03-10', [
			['tea', 2, 10],
			['cup', 1, 5]
		]),
		order('o2', 'b', '2024-03-11', [['tea', 1, 10]], { status: 'cancelled' }),
		sale('o3', 'c', '2024-02-10', 50),
		order('o4', 'c', '2024-03-15', [['cup', 1, 5]], { rating: 4, status: 'pending' })
	],
	services: [
		service('s1', 'b', { type: 'repair', status: 'open', openedAt: at('2024-03-02T09:00') }),
		service('s2', 'c', { type: 'repair', status: 'resolved', openedAt: at('2024-03-02T09:00') })
	]
});
const march = { from: at('2024-03-01T00:00'), to: at('2024-04-01T00:00') };
const names = (cs: { name: string }[]) => cs.map((c) => c.name);

describe('drillCustomers', () => {
	it('lists customers with a field value, in the range only when the figure is dated', () => {
		expect(
			names(
				drillCustomers(data, march, { kind: 'field', field: 'stage', value: 'lead', dated: false })
			)
		).toEqual(['Ann', 'Bob']);
		expect(
			names(
				drillCustomers(data, march, { kind: 'field', field: 'stage', value: 'lead', dated: true })
			)
		).toEqual(['Ann']);
		expect(
			names(drillCustomers(data, {}, { kind: 'field', field: 'tag', value: 'vip', dated: false }))
		).toEqual(['Ann', 'Cat']);
	});

	it('respects the owner filter and drops deleted customers', () => {
		expect(
			names(
				drillCustomers(data, { ownerIds: ['rep1'] }, { kind: 'ids', ids: ['b', 'a', 'gone', 'a'] })
			)
		).toEqual(['Ann']);
	});

	it('finds buyers of a product among revenue orders in the range', () => {
		expect(names(drillCustomers(data, march, { kind: 'bought', product: 'tea' }))).toEqual(['Ann']);
		expect(names(drillCustomers(data, march, { kind: 'bought', product: 'cup' }))).toEqual(['Ann']);
		expect(
			names(
				drillCustomers(data, march, {
					kind: 'bought',
					from: at('2024-02-01T00:00'),
					to: at('2024-03-01T00:00')
				})
			)
		).toEqual(['Cat']);
	});

	it('finds open cases by type and ratings', () => {
		expect(names(drillCustomers(data, march, { kind: 'backlog', type: 'repair' }))).toEqual([
			'Bob'
		]);
		expect(names(drillCustomers(data, march, { kind: 'rated', of: 'orders', rating: 4 }))).toEqual([
			'Cat'
		]);
	});

	it('finds the customers of a cross-analysis cell, by customer or by order', () => {
		expect(
			names(
				drillCustomers(data, march, {
					kind: 'cross',
					rows: 'stage',
					columns: 'owner',
					row: 'lead',
					column: 'rep1',
					unit: 'customers',
					measure: 'count'
				})
			)
		).toEqual(['Ann']);
		expect(
			names(
				drillCustomers(data, march, {
					kind: 'cross',
					rows: 'product',
					columns: 'month',
					row: 'cup',
					column: null,
					unit: 'orders',
					measure: 'revenue'
				})
			)
		).toEqual(['Ann']);
		expect(
			names(
				drillCustomers(data, march, {
					kind: 'cross',
					rows: 'product',
					columns: 'month',
					row: 'cup',
					column: '2024-03',
					unit: 'orders',
					measure: 'avgRating'
				})
			)
		).toEqual(['Cat']);
	});

	it('lists customers missing a field', () => {
		expect(names(drillCustomers(data, {}, { kind: 'missing', field: 'interests' }))).toEqual([
			'Bob'
		]);
	});
});
