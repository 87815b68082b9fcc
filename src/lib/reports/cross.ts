/** Cross analysis: a pivot of any two dimensions against count, revenue or average rating. */
import { GRADES, roundMoney, SOURCES, STAGES, type Customer, type Order } from '../domain';
import { isRevenue, type Dataset } from './dataset';
import { applyFilter, regionOf, scopeDataset, type ReportFilter } from './filters';
import { customerPositions } from './indexes';

export const CUSTOMER_DIMENSIONS = ['stage', 'grade', 'source', 'region', 'owner'] as const;
export const ORDER_DIMENSIONS = ['month', 'product'] as const;
export type Dimension = (typeof CUSTOMER_DIMENSIONS)[number] | (typeof ORDER_DIMENSIONS)[number];
export type Measure = 'count' | 'revenue' | 'avgRating';

export interface CrossParams {
	rows: Dimension;
	columns: Dimension;
	measure: Measure;
	filter?: ReportFilter;
}

export interface Pivot {
	/** What `count` counts here. */
	unit: 'customers' | 'orders';
	rows: string[];
	columns: string[];
	/** cells[row][column]; null where an average has nothing to average. */
	cells: (number | null)[][];
	rowTotals: (number | null)[];
	columnTotals: (number | null)[];
	total: number | null;
}

const NONE = 'none';
const ORDERED: Partial<Record<Dimension, readonly string[]>> = {
	stage: STAGES,
	grade: GRADES,
	source: SOURCES
};
const customerKey: Record<(typeof CUSTOMER_DIMENSIONS)[number], (c: Customer) => string> = {
	stage: (c) => c.stage,
	grade: (c) => c.grade ?? NONE,
	source: (c) => c.source ?? NONE,
	region: regionOf,
	owner: (c) => c.ownerId
};
const isCustomerDim = (d: Dimension): d is (typeof CUSTOMER_DIMENSIONS)[number] => d in customerKey;

interface Acc {
	n: number;
	sum: number;
	ratings: number;
	ratingSum: number;
	last: number;
}

/** One order (or customer) seen through the pivot: a key per part, a value per part. */
interface Part {
	product?: string;
	revenue: number;
}

/**
 * When both dimensions are customer dimensions (stage, grade, source, region, owner) and
 * the measure is count, cells count customers. Otherwise the unit is the order, placed by
 * its customer's attributes, its month (`YYYY-MM` of its date) and its products:
 * count = revenue orders, revenue = their amount (with a product dimension: that product's
 * lines, quantity × unitPrice), avgRating = mean rating of rated orders of any status.
 * An order with several products counts once in each product's cell and once in each
 * total. Missing grade or source shows as `none`. Rows and columns must differ.
 */
export function crossTab(
	data: Dataset,
	{ rows, columns, measure, filter = {} }: CrossParams
): Pivot {
	if (rows === columns)
		throw new Error(`cross: rows and columns are both "${rows}"; pick two dimensions`);
	const d = applyFilter(data, filter);
	const newAcc = (): Acc => ({ n: 0, sum: 0, ratings: 0, ratingSum: 0, last: -1 });
	const cellAccs = new Map<string, Map<string, Acc>>();
	const rowAccs = new Map<string, Acc>();
	const colAccs = new Map<string, Acc>();
	const allAcc = newAcc();
	const accIn = (m: Map<string, Acc>, key: string) => {
		let a = m.get(key);
		if (!a) m.set(key, (a = newAcc()));
		return a;
	};
	const add = (a: Acc, unit: number, revenue: number, counted: boolean, rating?: number) => {
		a.sum += revenue;
		if (a.last === unit) return;
		a.last = unit;
		if (counted) a.n++;
		if (rating !== undefined) {
			a.ratings++;
			a.ratingSum += rating;
		}
	};
	const place = (
		unit: number,
		r: string,
		c: string,
		revenue: number,
		counted: boolean,
		rating?: number
	) => {
		let row = cellAccs.get(r);
		if (!row) cellAccs.set(r, (row = new Map()));
		add(accIn(row, c), unit, revenue, counted, rating);
		add(accIn(rowAccs, r), unit, revenue, counted, rating);
		add(accIn(colAccs, c), unit, revenue, counted, rating);
		add(allAcc, unit, revenue, counted, rating);
	};

	const byCustomers = measure === 'count' && isCustomerDim(rows) && isCustomerDim(columns);
	if (byCustomers) {
		d.customers.forEach((c, i) =>
			place(i, customerKey[rows as 'stage'](c), customerKey[columns as 'stage'](c), 0, true)
		);
	} else {
		// Customer keys once per customer, by the customer's position in the scope.
		const scoped = scopeDataset(data, filter).customers;
		const positions = customerPositions(d.orders);
		const cached = { [rows]: [] as string[], [columns]: [] as string[] };
		const keyOf = (dim: Dimension, o: Order, c: Customer, k: number, part: Part) =>
			isCustomerDim(dim)
				? k < 0
					? customerKey[dim](c)
					: (cached[dim][k] ??= customerKey[dim](c))
				: dim === 'month'
					? o.date.slice(0, 7)
					: part.product!;
		const withProduct = rows === 'product' || columns === 'product';
		d.orders.forEach((o, i) => {
			const revenue = isRevenue(o);
			if (measure === 'avgRating' ? o.rating === undefined : !revenue) return;
			const k = positions ? positions[i] : -1;
			const c = k >= 0 ? scoped[k] : d.customerById.get(o.customerId)!;
			const parts: Part[] = withProduct ? productParts(o) : [{ revenue: o.amount }];
			for (const part of parts) {
				place(
					i,
					keyOf(rows, o, c, k, part),
					keyOf(columns, o, c, k, part),
					revenue ? part.revenue : 0,
					revenue,
					o.rating
				);
			}
		});
	}

	const value = (a: Acc | undefined): number | null => {
		if (measure === 'avgRating') return a?.ratings ? a.ratingSum / a.ratings : null;
		if (measure === 'revenue') return roundMoney(a?.sum ?? 0);
		return a?.n ?? 0;
	};
	const rowKeys = sortKeys(rows, rowAccs);
	const colKeys = sortKeys(columns, colAccs);
	return {
		unit: byCustomers ? 'customers' : 'orders',
		rows: rowKeys,
		columns: colKeys,
		cells: rowKeys.map((r) => colKeys.map((c) => value(cellAccs.get(r)?.get(c)))),
		rowTotals: rowKeys.map((r) => value(rowAccs.get(r))),
		columnTotals: colKeys.map((c) => value(colAccs.get(c))),
		total: value(allAcc)
	};
}

function productParts(o: Order): Part[] {
	const parts: Part[] = [];
	for (const i of o.items) {
		const part = parts.find((p) => p.product === i.product);
		if (part) part.revenue += i.quantity * i.unitPrice;
		else parts.push({ product: i.product, revenue: 0 + i.quantity * i.unitPrice });
	}
	return parts;
}

/** Enumerations in their defined order (then `none`), everything else ascending. */
function sortKeys(dim: Dimension, keys: ReadonlyMap<string, unknown>): string[] {
	const order = ORDERED[dim];
	if (!order) return [...keys.keys()].sort();
	return [...order, NONE].filter((k) => keys.has(k));
}
