/** The dashboard's first card: customers by stage, new customers, revenue, open cases, overdue follow-ups. */
import { STAGES, type Customer, type Order, type Service, type Stage } from '../domain';
import { countKeysAt, DAY_MS, sumMoney } from './dataset';
import { customerCodes, customerCodeTables, scopeDataset, type ReportFilter } from './filters';
import type { Dataset } from './dataset';
import {
	customerColumns,
	customerIds,
	idOrder,
	lineageOf,
	memo,
	openFollowUpsMemo,
	orderColumns,
	orderLines,
	rawRows,
	revenueIndexes,
	serviceColumns,
	type Lineage
} from './indexes';

export interface OverviewParams {
	now: number;
	/** `from`/`to` give the period; absent, the 30 days before `now`. */
	filter?: ReportFilter;
}

export interface Period {
	from: number;
	to: number;
}

export interface Overview {
	period: Period;
	/** The period of equal length just before `period`. */
	previous: Period;
	customers: number;
	byStage: Record<Stage, number>;
	newCustomers: number;
	revenue: number;
	previousRevenue: number;
	/** (revenue − previous) / previous; null when the previous period had none. */
	revenueChange: number | null;
	openServices: number;
	overdueFollowUps: number;
	overdueCustomerIds: string[];
}

/**
 * Stage counts, open service cases (open or in progress) and overdue follow-ups describe
 * now; new customers (by creation time) and revenue (orders in REVENUE_STATUSES, by order
 * date) describe the period [from, to) and the one before it.
 */
export function overview(data: Dataset, { now, filter = {} }: OverviewParams): Overview {
	const to = filter.to ?? now;
	const from = filter.from ?? to - 30 * DAY_MS;
	const previous = { from: from - (to - from), to: from };
	const d = scopeDataset(data, filter);

	const revenue = revenueBetween(d.orders, from, to);
	const previousRevenue = revenueBetween(d.orders, previous.from, previous.to);

	// Overdue follow-ups, and their customers once each, in id order (a walk of the shared
	// id order, no sort).
	const open = openFollowUpsMemo(d.visits);
	const flagged = new Uint8Array(d.customers.length);
	let overdue = 0;
	for (let j = 0; j < open.dueAt.length; j++) {
		if (!(open.dueAt[j] < now)) continue;
		overdue++;
		flagged[open.at[j]] = 1;
	}
	const overdueAt: number[] = [];
	for (const k of idOrder(d.customers).order) if (flagged[k]) overdueAt.push(k);
	return {
		period: { from, to },
		previous,
		customers: d.customers.length,
		byStage: { ...stageCounts(d.customers) },
		newCustomers: countBetween(d.customers, from, to),
		revenue,
		previousRevenue,
		revenueChange: previousRevenue ? (revenue - previousRevenue) / previousRevenue : null,
		openServices: countOpen(d.services),
		overdueFollowUps: overdue,
		overdueCustomerIds: overdueAt.map((k) => customerIds(d.customers)[k])
	};
}

/** Customers created in [from, to). */
function countBetween(customers: readonly Customer[], from: number, to: number): number {
	const { raw, row } = rawRows(customers);
	const createdAt = customerColumns(raw).createdAt;
	let n = 0;
	for (let i = 0; i < row.length; i++) {
		const t = createdAt[row[i]];
		if (t >= from && t < to) n++;
	}
	return n;
}

/** Open or in-progress cases. */
function countOpen(services: readonly Service[]): number {
	const { raw, row } = rawRows(services);
	const open = serviceColumns(raw).open;
	let n = 0;
	for (let i = 0; i < row.length; i++) n += open[row[i]];
	return n;
}

/** Customers by stage, kept per customers array. */
const stageCounts = memo((customers: readonly Customer[]) => {
	const { raw, row } = rawRows(customers);
	return countKeysAt(
		customerCodes(raw).stage,
		row,
		customerCodeTables.stage.names,
		STAGES
	) as Record<Stage, number>;
});

/**
 * Revenue of the orders dated in [from, to), kept per orders array and period. While every
 * amount counted is whole cents (money as the records hold it), the sum is kept in cents,
 * exactly, so an array made from the previous one by replacing a few orders (after an edit)
 * gets its sum by taking those orders' old amounts out and their new ones in. Otherwise
 * amounts are added in order, as floating-point numbers. Either way the result is rounded
 * to cents.
 */
interface PeriodRevenue {
	/** The sum in cents, or NaN when an amount was not whole cents. */
	cents: number;
	/** The sum of the amounts as floating-point numbers, in order (used when `cents` is NaN). */
	sum: number;
}
const periodRevenue = new WeakMap<readonly Order[], Map<string, PeriodRevenue>>();

function revenueBetween(orders: readonly Order[], from: number, to: number): number {
	let byPeriod = periodRevenue.get(orders);
	if (!byPeriod) periodRevenue.set(orders, (byPeriod = new Map()));
	const key = `${from}/${to}`;
	let r = byPeriod.get(key);
	if (!r) {
		const lineage = lineageOf(orders);
		const previous = lineage && periodRevenue.get(lineage.before as readonly Order[])?.get(key);
		r =
			(previous && patchRevenue(previous, lineage!, orders, from, to)) ??
			sumRevenue(orders, from, to);
		if (byPeriod.size >= 16) byPeriod.clear();
		byPeriod.set(key, r);
	}
	return r.cents === r.cents ? r.cents / 100 : sumMoney([r.sum]);
}

/** An amount in cents, or NaN when it is not a whole number of cents. */
function centsOf(amount: number): number {
	const c = Math.round(amount * 100);
	return c / 100 === amount && Math.abs(c) <= 2 ** 40 ? c : NaN;
}

/** a + b, or NaN once the sum leaves the range where every whole number is exact. */
function addCents(a: number, b: number): number {
	const c = a + b;
	return c <= 2 ** 52 && c >= -(2 ** 52) ? c : NaN;
}

function sumRevenue(orders: readonly Order[], from: number, to: number): PeriodRevenue {
	const { row, amount, day } = orderLines(orders);
	let sum = 0;
	let cents = 0;
	for (const i of revenueIndexes(orders)) {
		const t = day[row[i]];
		if (!(t >= from && t < to)) continue;
		sum += amount[row[i]];
		cents = addCents(cents, centsOf(amount[row[i]]));
	}
	return { cents, sum };
}

/** The previous array's revenue with the replaced orders' old amounts out and new ones in. */
function patchRevenue(
	previous: PeriodRevenue,
	{ before, changed }: Lineage,
	orders: readonly Order[],
	from: number,
	to: number
): PeriodRevenue | undefined {
	if (previous.cents !== previous.cents) return undefined;
	let cents = previous.cents;
	const counted = (records: readonly Order[], p: number) => {
		const { raw, row } = rawRows(records);
		const { revenue, day, amount } = orderColumns(raw);
		const r = row[p];
		return revenue[r] === 1 && day[r] >= from && day[r] < to ? centsOf(amount[r]) : 0;
	};
	for (const p of changed) {
		cents = addCents(cents, counted(orders, p) - counted(before as readonly Order[], p));
	}
	return cents === cents ? { cents, sum: NaN } : undefined;
}
