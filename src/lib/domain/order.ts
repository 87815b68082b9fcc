/** An order a customer placed: line items whose total is the amount. */
import { z } from 'zod';
import { baseFields, calendarDate, money, rating, roundMoney, text, uuid } from './common';
import { ORDER_STATUSES } from './choices';

export { ORDER_STATUSES, REVENUE_STATUSES, type OrderStatus } from './choices';

export const orderItem = z.object({
	product: z.string('err.required').trim().min(1, 'err.required').max(100, 'err.tooLong'),
	quantity: z.number('err.number').positive('err.positive').max(1_000_000, 'err.tooLarge'),
	unitPrice: money
});
export type OrderItem = z.output<typeof orderItem>;

/** The total of an order's items, in cents-exact money. */
export function itemsTotal(items: readonly { quantity: number; unitPrice: number }[]): number {
	return roundMoney(items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0));
}

export const orderFields = z.object({
	...baseFields,
	orderNo: z.string('err.required').trim().min(1, 'err.required').max(40, 'err.tooLong'),
	customerId: uuid,
	date: calendarDate,
	items: z.array(orderItem).min(1, 'err.noItems').max(200, 'err.tooMany'),
	amount: money,
	status: z.enum(ORDER_STATUSES, 'err.choice').default('pending'),
	rating: rating.optional(),
	review: text(2000).optional()
});

export const orderSchema = orderFields.refine(
	(o) => Math.abs(itemsTotal(o.items) - o.amount) < 0.005,
	{ message: 'err.amountMismatch', path: ['amount'] }
);

export type Order = z.output<typeof orderSchema>;
export type OrderInput = z.input<typeof orderSchema>;
