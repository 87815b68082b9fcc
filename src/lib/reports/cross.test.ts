import { describe, expect, it } from 'vitest';
import { crossTab } from './cross';
import { customer, dataset, order } from './fixtures';

const data = dataset({
	customers: [
		customer('a', { stage: 'lead', grade: 'a', ownerId: 'r1' }),
		customer('b', { stage: 'customer', ownerId: 'r2' }),
		customer('c', { stage: 'customer', grade: 'a', ownerId: 'r1' }),
		customer('x', { stage: 'inactive', _deleted: true })
	],
	orders: [
		order(
			'o1',
			'a',
			'2024-01-10',
			[
				['tea', 2, 10],
				['pot', 1, 50]
			],
			{ rating: 4 }
		), // 70
		order('o2', 'a', '2024-02-05', [['tea', 1, 10]], { status: 'completed', rating: 2 }), // 10
		order('o3', 'b', '2024-01-20', [['pot', 1, 50]], { status: 'shipped' }), // 50
		order('o4', 'b', '2024-02-25', [['tea', 3, 10]], { status: 'pending', rating: 5 }),
		order('o5', 'b', '2024-02-26', [['pot', 1, 50]], { status: 'cancelled' }),
		order('o6', 'x', '2024-02-26', [['pot', 1, 50]])
	]
});

describe('crossTab', () => {
	it('counts customers when both dimensions are the customer’s', () => {
		expect(crossTab(data, { rows: 'stage', columns: 'grade', measure: 'count' })).toEqual({
			unit: 'customers',
			rows: ['lead', 'customer'],
			columns: ['a', 'none'],
			cells: [
				[1, 0], // a
				[1, 1] // c, b
			],
			rowTotals: [1, 2],
			columnTotals: [2, 1],
			total: 3
		});
	});

	it('sums revenue orders by customer attribute and month', () => {
		const p = crossTab(data, { rows: 'stage', columns: 'month', measure: 'revenue' });
		expect(p.unit).toBe('orders');
		expect(p.rows).toEqual(['lead', 'customer']);
		expect(p.columns).toEqual(['2024-01', '2024-02']);
		// lead: o1 70 | o2 10; customer: o3 50 | nothing (o4 pending, o5 cancelled)
		expect(p.cells).toEqual([
			[70, 10],
			[50, 0]
		]);
		expect([p.rowTotals, p.columnTotals, p.total]).toEqual([[80, 50], [120, 10], 130]);
	});

	it('counts an order once per product cell and once per total', () => {
		const p = crossTab(data, { rows: 'owner', columns: 'product', measure: 'count' });
		expect([p.rows, p.columns]).toEqual([
			['r1', 'r2'],
			['pot', 'tea']
		]);
		// r1: pot o1; tea o1, o2 → total 2 orders, not 3; r2: pot o3
		expect(p.cells).toEqual([
			[1, 2],
			[1, 0]
		]);
		expect([p.rowTotals, p.columnTotals, p.total]).toEqual([[2, 1], [2, 2], 3]);
	});

	it('takes a product’s own lines as its revenue', () => {
		const p = crossTab(data, { rows: 'owner', columns: 'product', measure: 'revenue' });
		// r1: pot 50 (o1), tea 2×10 + 1×10 = 30; r2: pot 50
		expect(p.cells).toEqual([
			[50, 30],
			[50, 0]
		]);
		expect([p.rowTotals, p.columnTotals, p.total]).toEqual([[80, 50], [100, 30], 130]);
	});

	it('averages ratings of rated orders of any status', () => {
		const p = crossTab(data, { rows: 'product', columns: 'month', measure: 'avgRating' });
		// rated: o1 4 (tea+pot, Jan), o2 2 (tea, Feb), o4 5 (tea, Feb, pending)
		expect(p.cells).toEqual([
			[4, null],
			[4, 3.5] // (2 + 5) / 2
		]);
		// tea: (4 + 2 + 5) / 3; Jan: o1 once; all: (4 + 2 + 5) / 3
		expect(p.rowTotals).toEqual([4, 11 / 3]);
		expect(p.columnTotals).toEqual([4, 3.5]);
		expect(p.total).toBe(11 / 3);
	});

	it('refuses the same dimension twice', () => {
		expect(() => crossTab(data, { rows: 'stage', columns: 'stage', measure: 'count' })).toThrow(
			/both "stage"/
		);
	});
});
