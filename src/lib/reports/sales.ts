/** Sales: revenue by product, top customers, average order value, order ratings. */
import { roundMoney } from '../domain';
import { ratingSummary, type Dataset } from './dataset';
import { revenueIndexes } from './indexes';
import { applyFilter, type ReportFilter } from './filters';

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
	const d = applyFilter(data, filter);
	const products = new Map<string, ProductSales>();
	const customers = new Map<string, CustomerSales>();
	let revenue = 0;
	let orders = 0;
	for (const i of revenueIndexes(d.orders)) {
		const o = d.orders[i];
		revenue += o.amount;
		orders++;
		const items = o.items;
		for (let k = 0; k < items.length; k++) {
			const item = items[k];
			let p = products.get(item.product);
			if (!p) {
				p = { product: item.product, quantity: 0, revenue: 0, orders: 0 };
				products.set(item.product, p);
			}
			p.quantity += item.quantity;
			p.revenue += item.quantity * item.unitPrice;
			let first = true;
			for (let j = 0; j < k && first; j++) first = items[j].product !== item.product;
			if (first) p.orders++;
		}
		let c = customers.get(o.customerId);
		if (!c) {
			const name = d.customerById.get(o.customerId)?.name ?? '';
			c = { customerId: o.customerId, name, revenue: 0, orders: 0 };
			customers.set(o.customerId, c);
		}
		c.revenue += o.amount;
		c.orders++;
	}
	const byProduct = [...products.values()]
		.map((p) => ({ ...p, revenue: roundMoney(p.revenue) }))
		.sort(byRevenue((p) => p.product));
	const topCustomers = [...customers.values()]
		.map((c) => ({ ...c, revenue: roundMoney(c.revenue) }))
		.sort(byRevenue((c) => c.customerId))
		.slice(0, top);
	return {
		revenue: roundMoney(revenue),
		orders,
		averageOrderValue: orders ? roundMoney(revenue / orders) : null,
		byProduct,
		topCustomers,
		ratings: ratingSummary(d.orders.map((o) => o.rating))
	};
}
