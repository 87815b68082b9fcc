/** New customers and revenue per ISO week or month, each beside the same period last year. */
import { createdAtOf, roundMoney } from '../domain';
import type { Order } from '../domain';
import type { Dataset } from './dataset';
import { orderDays, revenueIndexes } from './indexes';
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
	const customers = new EventIndex(d.customers.map((c) => ({ t: createdAtOf(c) })));
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

/** Revenue orders by date, amount as value; once per orders array (weekly and monthly share it). */
const revenueEventsOf = new WeakMap<readonly Order[], EventIndex>();
function revenueEvents(orders: readonly Order[]): EventIndex {
	let index = revenueEventsOf.get(orders);
	if (!index) {
		const days = orderDays(orders);
		const revenue = revenueIndexes(orders);
		index = EventIndex.fromArrays(
			Float64Array.from(revenue, (i) => days[i]),
			Float64Array.from(revenue, (i) => orders[i].amount ?? 0)
		);
		revenueEventsOf.set(orders, index);
	}
	return index;
}
