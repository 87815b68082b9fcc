/** New customers and revenue per ISO week or month, each beside the same period last year. */
import { roundMoney } from '../domain';
import type { Customer, Order } from '../domain';
import type { Dataset } from './dataset';
import { customerColumns, orderLines, rawRows, revenueIndexes } from './indexes';
import { scopeDataset, type ReportFilter } from './filters';
import {
	bucketsBetween,
	EventIndex,
	lastBuckets,
	yearBefore,
	type Bucket,
	type Granularity
} from './timeline';

export interface TrendsParams {
	now: number;
	granularity?: Granularity;
	/** `from`/`to` give the range; without `from`, the 12 weeks or months up to `to` or `now`. */
	filter?: ReportFilter;
}

export interface TrendFigures {
	newCustomers: number;
	orders: number;
	revenue: number;
}

export interface TrendBucket extends Bucket, TrendFigures {
	lastYear: Bucket & TrendFigures;
}

export interface Trends {
	granularity: Granularity;
	buckets: TrendBucket[];
}

/**
 * Buckets are whole ISO weeks (Monday first) or months in local time covering the range,
 * so the first and last may reach beyond it. New customers count by creation time;
 * revenue and orders count revenue-status orders by order date.
 */
export function trends(
	data: Dataset,
	{ now, granularity = 'month', filter = {} }: TrendsParams
): Trends {
	const d = scopeDataset(data, filter);
	const customers = creationEvents(d.customers);
	const orders = revenueEvents(d.orders);
	const figures = (b: Bucket): TrendFigures => ({
		newCustomers: customers.count(b.start, b.end),
		orders: orders.count(b.start, b.end),
		revenue: roundMoney(orders.sum(b.start, b.end))
	});
	const range =
		filter.from !== undefined
			? bucketsBetween(filter.from, filter.to ?? now, granularity)
			: lastBuckets(filter.to !== undefined ? filter.to - 1 : now, granularity, 12);
	return {
		granularity,
		buckets: range.map((b) => {
			const ly = yearBefore(b, granularity);
			return { ...b, ...figures(b), lastYear: { ...ly, ...figures(ly) } };
		})
	};
}

/**
 * Revenue orders by date, amount as value; once per orders array (weekly and monthly trends
 * share it, and the overview's revenue per period).
 */
const revenueEventsOf = new WeakMap<readonly Order[], EventIndex>();
export function revenueEvents(orders: readonly Order[]): EventIndex {
	let index = revenueEventsOf.get(orders);
	if (!index) {
		const revenue = revenueIndexes(orders);
		const { row, amount, day } = orderLines(orders);
		const rows = new Int32Array(revenue.length);
		for (let k = 0; k < revenue.length; k++) rows[k] = row[revenue[k]];
		// A NaN amount is an order without one: it counts as 0 (`amount ?? 0`).
		index = EventIndex.fromRows(day, amount, rows);
		revenueEventsOf.set(orders, index);
	}
	return index;
}

/** Customers by creation time; once per customers array. */
const creationEventsOf = new WeakMap<readonly Customer[], EventIndex>();
function creationEvents(customers: readonly Customer[]): EventIndex {
	let index = creationEventsOf.get(customers);
	if (!index) {
		const { raw, row } = rawRows(customers);
		const createdAt = customerColumns(raw).createdAt;
		const times = new Float64Array(customers.length);
		for (let k = 0; k < customers.length; k++) times[k] = createdAt[row[k]];
		index = EventIndex.fromTimes(times);
		creationEventsOf.set(customers, index);
	}
	return index;
}
