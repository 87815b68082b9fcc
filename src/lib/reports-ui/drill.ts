/**
 * Drill-down: the customers behind a bar, slice or table row. A `DrillQuery` is plain data
 * (a view says what its bar counts); `drillCustomers` answers it from the same filtered
 * dataset the report counted, so the list matches the figure.
 */
import { createdAtOf, type Customer } from '$lib/domain';
import {
	applyFilter,
	dayStart,
	hasValue,
	isRevenue,
	regionOf,
	scopeDataset,
	type Dataset,
	type QualityField,
	type ReportFilter
} from '$lib/reports';

export type CustomerField = 'stage' | 'grade' | 'source' | 'region' | 'tag' | 'owner';

export type DrillQuery =
	/** These customers (a report listed them). */
	| { kind: 'ids'; ids: readonly string[] }
	/** Customers whose field has this value; `dated`: only those created in the range. */
	| { kind: 'field'; field: CustomerField; value: string; dated: boolean }
	/** Customers created in [from, to). */
	| { kind: 'created'; from: number; to: number }
	/** Customers with a revenue order in [from, to) (the range when absent), holding `product` if given. */
	| { kind: 'bought'; from?: number; to?: number; product?: string }
	/** Customers with an open or in-progress case of this type. */
	| { kind: 'backlog'; type: string }
	/** Customers with an order (or service case) in the range rated `rating`. */
	| { kind: 'rated'; of: 'orders' | 'services'; rating: number }
	/** Customers (created in the range) missing this field. */
	| { kind: 'missing'; field: QualityField }
	/** Customers with visits in the range owned by `ownerId`, optionally in one ISO week. */
	| { kind: 'visited'; ownerId: string; weekStart?: number; weekEnd?: number }
	/** Customers in a cross-analysis cell (`null` for a total). */
	| {
			kind: 'cross';
			rows: string;
			columns: string;
			row: string | null;
			column: string | null;
			unit: 'customers' | 'orders';
			measure: 'count' | 'revenue' | 'avgRating';
	  };

const NONE = 'none';

/** A customer's value for a cross or field dimension. */
export function customerKey(c: Customer, field: CustomerField | string): string | undefined {
	switch (field) {
		case 'stage':
			return c.stage;
		case 'grade':
			return c.grade ?? NONE;
		case 'source':
			return c.source ?? NONE;
		case 'region':
			return regionOf(c);
		case 'owner':
			return c.ownerId;
		default:
			return undefined;
	}
}

function hasField(c: Customer, field: CustomerField, value: string): boolean {
	return field === 'tag' ? c.interests.includes(value) : customerKey(c, field) === value;
}

const byName = (a: Customer, b: Customer) =>
	a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The customers a drill query stands for, sorted by name. */
export function drillCustomers(data: Dataset, filter: ReportFilter, q: DrillQuery): Customer[] {
	const scoped = scopeDataset(data, filter);
	const ranged = applyFilter(data, filter);
	const pick = (ids: Iterable<string>) => {
		const out: Customer[] = [];
		for (const id of new Set(ids)) {
			const c = scoped.customerById.get(id);
			if (c) out.push(c);
		}
		return out.sort(byName);
	};
	switch (q.kind) {
		case 'ids':
			return pick(q.ids);
		case 'field':
			return (q.dated ? ranged : scoped).customers
				.filter((c) => hasField(c, q.field, q.value))
				.sort(byName);
		case 'created':
			return scoped.customers
				.filter((c) => createdAtOf(c) >= q.from && createdAtOf(c) < q.to)
				.sort(byName);
		case 'bought': {
			const orders =
				q.from !== undefined && q.to !== undefined
					? scoped.orders.filter((o) => dayStart(o.date) >= q.from! && dayStart(o.date) < q.to!)
					: ranged.orders;
			return pick(
				orders
					.filter(
						(o) => isRevenue(o) && (!q.product || o.items.some((i) => i.product === q.product))
					)
					.map((o) => o.customerId)
			);
		}
		case 'backlog':
			return pick(
				ranged.services
					.filter((s) => s.type === q.type && (s.status === 'open' || s.status === 'in_progress'))
					.map((s) => s.customerId)
			);
		case 'rated': {
			const rs =
				q.of === 'orders'
					? ranged.orders.map((o) => [o.customerId, o.rating] as const)
					: ranged.services.map((s) => [s.customerId, s.satisfaction] as const);
			return pick(rs.filter(([, r]) => r === q.rating).map(([id]) => id));
		}
		case 'missing':
			return ranged.customers.filter((c) => !hasValue(c, q.field)).sort(byName);
		case 'visited':
			return pick(
				ranged.visits
					.filter((v) => {
						if (scoped.customerById.get(v.customerId)?.ownerId !== q.ownerId) return false;
						if (q.weekStart === undefined || q.weekEnd === undefined) return true;
						const t = v.checkIn?.at ?? v.plannedAt ?? -Infinity;
						return t >= q.weekStart && t < q.weekEnd;
					})
					.map((v) => v.customerId)
			);
		case 'cross':
			return crossCustomers(ranged, q);
	}
}

function crossCustomers(
	d: ReturnType<typeof applyFilter>,
	q: Extract<DrillQuery, { kind: 'cross' }>
): Customer[] {
	const matches = (
		dim: string,
		want: string | null,
		c: Customer,
		month: string,
		products: string[]
	) => {
		if (want === null) return true;
		if (dim === 'month') return month === want;
		if (dim === 'product') return products.includes(want);
		return customerKey(c, dim) === want;
	};
	if (q.unit === 'customers') {
		return d.customers
			.filter((c) => matches(q.rows, q.row, c, '', []) && matches(q.columns, q.column, c, '', []))
			.sort(byName);
	}
	const ids = new Set<string>();
	for (const o of d.orders) {
		if (q.measure === 'avgRating' ? o.rating === undefined : !isRevenue(o)) continue;
		const c = d.customerById.get(o.customerId);
		if (!c) continue;
		const month = o.date.slice(0, 7);
		const products = o.items.map((i) => i.product);
		if (
			matches(q.rows, q.row, c, month, products) &&
			matches(q.columns, q.column, c, month, products)
		)
			ids.add(c.id);
	}
	return [...ids].map((id) => d.customerById.get(id)!).sort(byName);
}
