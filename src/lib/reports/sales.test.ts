import { describe, expect, it } from 'vitest';
import { sales } from './sales';
import { at, customer, dataset, order } from './fixtures';

const data = dataset({
	customers: [
		customer('a', { name: 'Ann' }),
		customer('b', { name: 'Bo' }),
		customer('c', { name: 'Cy' })
	],
	orders: [
		// 2 × 12.5 + 1 × 100 = 125
		order(
			'o1',
			'a',
			'2024-03-01',
			[
				['tea', 2, 12.5],
				['pot', 1, 100]
			],
			{ rating: 5 }
		),
		// 3 × 12.5 + 1 × 12.5 (same product twice) = 50
		order(
			'o2',
			'b',
			'2024-03-02',
			[
				['tea', 3, 12.5],
				['tea', 1, 12.5]
			],
			{ rating: 4, status: 'completed' }
		),
		// 1 × 0.1 + 2 × 0.1 = 0.3 (floating point must not show)
		order(
			'o3',
			'c',
			'2024-03-03',
			[
				['cup', 1, 0.1],
				['cup', 2, 0.1]
			],
			{ status: 'shipped' }
		),
		// cancelled: no revenue, but its rating counts
		order('o4', 'a', '2024-03-04', [['pot', 5, 100]], { status: 'cancelled', rating: 1 }),
		order('o5', 'c', '2024-03-05', [['pot', 1, 100]], { status: 'pending', rating: 4 }),
		order('o6', 'b', '2024-03-06', [['pot', 9, 100]], { _deleted: true, rating: 2 })
	]
});

describe('sales', () => {
	const r = sales(data, { top: 2 });

	it('sums revenue orders and their average', () => {
		// 125 + 50 + 0.3 = 175.3 over 3 orders = 58.4333… → 58.43
		expect(r.revenue).toBe(175.3);
		expect(r.orders).toBe(3);
		expect(r.averageOrderValue).toBe(58.43);
	});

	it('splits revenue by product from the lines', () => {
		expect(r.byProduct).toEqual([
			{ product: 'pot', quantity: 1, revenue: 100, orders: 1 },
			// 2×12.5 + 3×12.5 + 1×12.5 = 75, in 2 orders
			{ product: 'tea', quantity: 6, revenue: 75, orders: 2 },
			{ product: 'cup', quantity: 3, revenue: 0.3, orders: 1 }
		]);
	});

	it('lists the top customers', () => {
		expect(r.topCustomers).toEqual([
			{ customerId: 'a', name: 'Ann', revenue: 125, orders: 1 },
			{ customerId: 'b', name: 'Bo', revenue: 50, orders: 1 }
		]);
	});

	it('summarises ratings of live orders of any status', () => {
		// 5 + 4 + 1 + 4 = 14 over 4
		expect(r.ratings).toEqual({
			average: 3.5,
			count: 4,
			distribution: { 1: 1, 2: 0, 3: 0, 4: 2, 5: 1 }
		});
	});

	it('counts only orders dated in the range, ratings included', () => {
		// Mar 2 … Mar 4: o2 (50, rated 4), o3 (0.3), o4 (cancelled, rated 1).
		const ranged = sales(data, {
			filter: { from: at('2024-03-02T00:00'), to: at('2024-03-05T00:00') }
		});
		// 50 + 0.3 = 50.3 over 2 orders = 25.15
		expect([ranged.revenue, ranged.orders, ranged.averageOrderValue]).toEqual([50.3, 2, 25.15]);
		expect(ranged.byProduct).toEqual([
			{ product: 'tea', quantity: 4, revenue: 50, orders: 1 },
			{ product: 'cup', quantity: 3, revenue: 0.3, orders: 1 }
		]);
		expect(ranged.topCustomers.map((c) => [c.customerId, c.revenue])).toEqual([
			['b', 50],
			['c', 0.3]
		]);
		// (4 + 1) / 2
		expect(ranged.ratings).toEqual({
			average: 2.5,
			count: 2,
			distribution: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 0 }
		});
	});

	it('has no average without orders', () => {
		const empty = sales(data, { filter: { ownerIds: ['nobody'] } });
		expect(empty.averageOrderValue).toBeNull();
		expect(empty.ratings.average).toBeNull();
	});
});
