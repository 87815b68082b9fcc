/** Sales: revenue by product, top customers, average order value, order ratings. */
import { roundMoney, type Customer, type Order } from '../domain';
import { ratingSummaryAt, type ratingSummary, type Dataset } from './dataset';
import {
	customerPositions,
	lineQuantity,
	orderColumns,
	orderLines,
	productNames,
	rawRows,
	revenueIndexes
} from './indexes';
import { boundsOf, rowsInRange, scopeDataset, type Bounds, type ReportFilter } from './filters';

export interface SalesParams {
	filter?: ReportFilter;
	/** How many top customers to list (default 10). */
	top?: number;
}

export interface ProductSales {
	product: string;
	quantity: number;
	revenue: number;
	/** Revenue orders holding the product. */
	orders: number;
}

export interface CustomerSales {
	customerId: string;
	name: string;
	revenue: number;
	orders: number;
}

export interface Sales {
	revenue: number;
	orders: number;
	/** Revenue / revenue orders; null without any. */
	averageOrderValue: number | null;
	byProduct: ProductSales[];
	topCustomers: CustomerSales[];
	ratings: ReturnType<typeof ratingSummary>;
}

const byRevenue =
	<T extends { revenue: number }>(key: (x: T) => string) =>
	(a: T, b: T) =>
		b.revenue - a.revenue || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * Revenue counts orders in REVENUE_STATUSES dated in the range; by product it is each
 * line's quantity × unitPrice. Ratings count every rated order in the range, whatever its
 * status (a rating is the customer's word on the order).
 */
export function sales(data: Dataset, { filter = {}, top = 10 }: SalesParams = {}): Sales {
	// The scope's orders, each checked against the range as `applyFilter` narrows them (in
	// the same order), so no narrowed array is made for this report.
	const scope = scopeDataset(data, filter);
	const sums = sumSales(scope.orders, scope.customers.length, boundsOf(filter));
	const { revenue, orders } = sums;
	const { row, day } = orderLines(scope.orders);
	const raw = rawRows(scope.orders).raw;
	return {
		revenue: roundMoney(revenue),
		orders,
		averageOrderValue: orders ? roundMoney(revenue / orders) : null,
		byProduct: productSales(sums),
		topCustomers: topCustomers(sums, scope.customers, top),
		ratings: ratingSummaryAt(orderColumns(raw).rating, rowsInRange(day, row, filter))
	};
}

/** Revenue orders' sums, by product code and by customer position. */
interface SalesSums {
	revenue: number;
	orders: number;
	productQuantity: Float64Array;
	productRevenue: Float64Array;
	productOrders: Int32Array;
	customerRevenue: Float64Array;
	customerOrders: Int32Array;
}

/**
 * The revenue orders of a scoped orders array dated in the range, summed in order (a
 * function of its own, so a first round optimises this loop without the rest of the report).
 */
function sumSales(scoped: readonly Order[], customers: number, bounds: Bounds): SalesSums {
	const lines = orderLines(scoped);
	const at = customerPositions(scoped)!;
	const { unbounded, from, to, noTo } = bounds;
	const productQuantity = new Float64Array(productNames.length);
	const productRevenue = new Float64Array(productNames.length);
	const productOrders = new Int32Array(productNames.length);
	const customerRevenue = new Float64Array(customers);
	const customerOrders = new Int32Array(customers);
	let revenue = 0;
	let orders = 0;
	const { row, start, product, value, amount, day } = lines;
	const raw = rawRows(scoped).raw;
	const revenueAt = revenueIndexes(scoped);
	for (let j = 0; j < revenueAt.length; j++) {
		const i = revenueAt[j];
		const r = row[i];
		const t = day[r];
		if (!unbounded && !(t >= from && (noTo || t < to))) continue;
		revenue += amount[r];
		orders++;
		const first = start[r];
		const end = start[r + 1];
		for (let l = first; l < end; l++) {
			const p = product[l];
			productQuantity[p] += lineQuantity(lines, raw, r, l);
			productRevenue[p] += value[l];
			let again = false;
			for (let m = first; m < l && !again; m++) again = product[m] === p;
			if (!again) productOrders[p]++;
		}
		customerRevenue[at[i]] += amount[r];
		customerOrders[at[i]]++;
	}
	return {
		revenue,
		orders,
		productQuantity,
		productRevenue,
		productOrders,
		customerRevenue,
		customerOrders
	};
}

/** A row per product sold, by revenue. */
function productSales({ productQuantity, productRevenue, productOrders }: SalesSums) {
	const byProduct: ProductSales[] = [];
	for (let p = 0; p < productOrders.length; p++) {
		if (!productOrders[p]) continue;
		byProduct.push({
			product: productNames[p],
			quantity: productQuantity[p],
			revenue: roundMoney(productRevenue[p]),
			orders: productOrders[p]
		});
	}
	return byProduct.sort(byRevenue((p) => p.product));
}

/** The `top` customers by revenue, kept sorted while scanning (the order is total: ids are unique). */
function topCustomers(
	{ customerRevenue, customerOrders }: SalesSums,
	customers: readonly Customer[],
	top: number
): CustomerSales[] {
	const order = byRevenue<CustomerSales>((c) => c.customerId);
	const list: CustomerSales[] = [];
	for (let k = 0; k < customerOrders.length && top > 0; k++) {
		if (!customerOrders[k]) continue;
		const spent = roundMoney(customerRevenue[k]);
		// Below the last of a full list: it cannot enter (read no record, make no row).
		if (list.length === top && spent < list[top - 1].revenue) continue;
		const c = customers[k];
		const row = {
			customerId: c.id,
			name: c.name ?? '',
			revenue: spent,
			orders: customerOrders[k]
		};
		if (list.length === top && order(row, list[top - 1]) >= 0) continue;
		let w = Math.min(list.length, top - 1);
		while (w > 0 && order(row, list[w - 1]) < 0) w--;
		list.splice(w, 0, row);
		if (list.length > top) list.pop();
	}
	return list;
}
