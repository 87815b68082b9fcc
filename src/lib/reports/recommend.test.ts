import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import { customer, dataset, order } from './fixtures';

const data = dataset({
	customers: ['me', 'b', 'c', 'd', 'e', 'f'].map((id) => customer(id)),
	orders: [
		order('m1', 'me', '2024-01-01', [
			['tea', 1, 10],
			['pot', 1, 50]
		]),
		order('m2', 'me', '2024-01-02', [['cake', 1, 5]], { status: 'cancelled' }), // not bought
		order('b1', 'b', '2024-01-01', [
			['tea', 1, 10],
			['pot', 1, 50],
			['cup', 1, 5]
		]), // shares 2
		order('c1', 'c', '2024-01-01', [['tea', 1, 10]]),
		order('c2', 'c', '2024-01-05', [
			['cup', 1, 5],
			['cake', 1, 5]
		]), // shares 1
		order('d1', 'd', '2024-01-01', [
			['pot', 1, 50],
			['tray', 1, 5]
		]), // shares 1
		order('e1', 'e', '2024-01-01', [['spoon', 1, 5]]), // shares nothing
		order(
			'f1',
			'f',
			'2024-01-01',
			[
				['tea', 1, 10],
				['lid', 1, 5]
			],
			{ _deleted: true }
		)
	]
});

describe('recommend', () => {
	it('scores co-purchases, leaving out what the customer already has', () => {
		expect(recommend(data, { customerId: 'me' })).toEqual([
			{ product: 'cup', score: 3, customers: 2 }, // b 2 + c 1
			{ product: 'cake', score: 1, customers: 1 }, // c 1 (me's cake order was cancelled)
			{ product: 'tray', score: 1, customers: 1 } // d 1
		]);
	});

	it('limits the list and returns nothing for a customer with no purchases', () => {
		expect(recommend(data, { customerId: 'me', limit: 1 }).map((r) => r.product)).toEqual(['cup']);
		expect(recommend(data, { customerId: 'nobody' })).toEqual([]);
	});
});
