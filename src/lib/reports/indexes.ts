/**
 * Work several reports share, done once per records array: order days, revenue orders by
 * customer, open follow-ups. Arrays of a (scoped) dataset are snapshots, so results are
 * kept weakly per array object; callers must not change what these return.
 */
import type { Order, Visit } from '../domain';
import { dayStart, isRevenue } from './dataset';
import { openFollowUpsOf, type OpenFollowUp } from './followups';

function memo<K extends object, V>(
	make: (key: K) => V,
	cache = new WeakMap<K, V>()
): (key: K) => V {
	return (key) => {
		let v = cache.get(key);
		if (v === undefined) cache.set(key, (v = make(key)));
		return v;
	};
}

const days = new WeakMap<readonly Order[], Float64Array>();
const positions = new WeakMap<readonly object[], Int32Array>();

/**
 * Records the position, in the scope's `customers`, of each record's customer (filters.ts
 * does, while it scopes a dataset), and the order days it already knows.
 */
export function rememberPositions(records: readonly object[], customerPositions: Int32Array): void {
	positions.set(records, customerPositions);
}
export function rememberOrderDays(orders: readonly Order[], orderDays: Float64Array): void {
	days.set(orders, orderDays);
}

/**
 * For each record of a scoped dataset's collection, the position of its customer in
 * `scopeDataset(data, filter).customers`; undefined for arrays not made by scoping.
 */
export function customerPositions(records: readonly object[]): Int32Array | undefined {
	return positions.get(records);
}

/** `dayStart(order.date)` for each order, by position. */
export const orderDays = memo((orders: readonly Order[]): Float64Array => {
	const days = new Float64Array(orders.length);
	for (let i = 0; i < orders.length; i++) days[i] = dayStart(orders[i].date);
	return days;
}, days);

/** Positions of the revenue orders (REVENUE_STATUSES), in order. */
export const revenueIndexes = memo((orders: readonly Order[]): Uint32Array => {
	const out = new Uint32Array(orders.length);
	let n = 0;
	for (let i = 0; i < orders.length; i++) if (isRevenue(orders[i])) out[n++] = i;
	return out.slice(0, n);
});

/** Positions of each customer's revenue orders, in order. */
export const revenueByCustomer = memo((orders: readonly Order[]): Map<string, number[]> => {
	const out = new Map<string, number[]>();
	for (const i of revenueIndexes(orders)) {
		const id = orders[i].customerId;
		const list = out.get(id);
		if (list) list.push(i);
		else out.set(id, [i]);
	}
	return out;
});

/** The products of each customer's revenue orders. */
export const productsByCustomer = memo((orders: readonly Order[]): Map<string, Set<string>> => {
	const out = new Map<string, Set<string>>();
	for (const i of revenueIndexes(orders)) {
		const o = orders[i];
		let set = out.get(o.customerId);
		if (!set) out.set(o.customerId, (set = new Set()));
		for (const item of o.items) set.add(item.product);
	}
	return out;
});

/** openFollowUps, once per visits array. */
export const openFollowUpsMemo = memo((visits: readonly Visit[]): readonly OpenFollowUp[] =>
	openFollowUpsOf(visits)
);
