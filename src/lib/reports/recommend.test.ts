import { describe, expect, it } from 'vitest';
import { scopeDataset } from './filters';
import { recommend, recommendFromLists } from './recommend';
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

describe('recommend on many customers', () => {
	it('gives what the lists of orders give (the path for many products)', () => {
		let state = 11;
		const rand = (n: number) => {
			state = (Math.imul(state, 1103515245) + 12345) >>> 0;
			return (state >>> 8) % n;
		};
		// 70 products: at least three words of bits per customer.
		const customers = Array.from({ length: 300 }, (_, i) => customer(`c${i}`));
		const statuses = ['paid', 'pending', 'cancelled', 'completed', 'shipped'] as const;
		const orders = Array.from({ length: 2000 }, (_, i) =>
			order(
				`o${i}`,
				`c${rand(320)}`,
				'2024-01-01',
				Array.from({ length: rand(4) }, (): [string, number, number] => [`p${rand(70)}`, 1, 1]),
				{ status: statuses[rand(5)], _deleted: rand(50) === 0 }
			)
		);
		const many = dataset({ customers, orders });
		const scoped = scopeDataset(many);
		let compared = 0;
		for (const k of [0, 1, 7, 150, 299]) {
			const fromBits = recommend(many, { customerId: `c${k}`, limit: 80 });
			expect(fromBits).toEqual(recommendFromLists(scoped.orders, k, 80));
			compared += fromBits.length;
		}
		expect(compared).toBeGreaterThan(100);
	});
});
