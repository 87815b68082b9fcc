import { describe, expect, it } from 'vitest';
import { itemsTotal, orderSchema } from './order';
import { base, CUSTOMER_ID, issuesOf } from './test-records';

const order = {
	...base,
	orderNo: ' SO-2024-001 ',
	customerId: CUSTOMER_ID,
	date: '2024-05-01',
	items: [
		{ product: 'Green tea', quantity: 3, unitPrice: 19.99 },
		{ product: 'Teapot', quantity: 1, unitPrice: 128 }
	],
	amount: 187.97
};

describe('orderSchema', () => {
	it('accepts an order whose amount equals its items total', () => {
		const o = orderSchema.parse(order);
		expect(o.orderNo).toBe('SO-2024-001');
		expect(o.status).toBe('pending');
		expect(itemsTotal(o.items)).toBe(187.97);
	});

	it('refuses an amount that is not the items total', () => {
		expect(issuesOf(orderSchema.safeParse({ ...order, amount: 188 }))).toEqual([
			'amount: err.amountMismatch'
		]);
		expect(issuesOf(orderSchema.safeParse({ ...order, amount: 187.96 }))).toEqual([
			'amount: err.amountMismatch'
		]);
	});

	it('tolerates floating point in the total (0.1 × 3)', () => {
		expect(
			orderSchema.safeParse({
				...order,
				items: [{ product: 'x', quantity: 3, unitPrice: 0.1 }],
				amount: 0.3
			}).success
		).toBe(true);
	});

	it('needs at least one item with a product, positive quantity and money price', () => {
		const withItem = (item: object, amount: number) =>
			issuesOf(orderSchema.safeParse({ ...order, items: [item], amount }));
		expect(issuesOf(orderSchema.safeParse({ ...order, items: [], amount: 0 }))).toContain(
			'items: err.noItems'
		);
		expect(withItem({ product: ' ', quantity: 1, unitPrice: 1 }, 1)).toEqual([
			'items.0.product: err.required'
		]);
		expect(withItem({ product: 'x', quantity: 0, unitPrice: 1 }, 0)).toEqual([
			'items.0.quantity: err.positive'
		]);
		expect(withItem({ product: 'x', quantity: 1, unitPrice: 1.999 }, 2)).toContain(
			'items.0.unitPrice: err.twoDecimals'
		);
	});

	it('takes money with at most two decimals', () => {
		expect(issuesOf(orderSchema.safeParse({ ...order, amount: 187.971 }))).toContain(
			'amount: err.twoDecimals'
		);
	});

	it('checks the calendar date', () => {
		expect(issuesOf(orderSchema.safeParse({ ...order, date: '2023-02-29' }))).toEqual([
			'date: err.date'
		]);
		expect(orderSchema.safeParse({ ...order, date: '2024-02-29' }).success).toBe(true);
	});

	it('takes ratings 1 to 5 and the listed statuses', () => {
		expect(orderSchema.safeParse({ ...order, rating: 5, status: 'completed' }).success).toBe(true);
		expect(issuesOf(orderSchema.safeParse({ ...order, rating: 0 }))).toEqual([
			'rating: err.rating'
		]);
		expect(issuesOf(orderSchema.safeParse({ ...order, rating: 6 }))).toEqual([
			'rating: err.rating'
		]);
		expect(issuesOf(orderSchema.safeParse({ ...order, status: 'refunded' }))).toEqual([
			'status: err.choice'
		]);
	});

	it('needs a customer id that is a UUID', () => {
		expect(issuesOf(orderSchema.safeParse({ ...order, customerId: 'c1' }))).toEqual([
			'customerId: err.uuid'
		]);
	});
});
