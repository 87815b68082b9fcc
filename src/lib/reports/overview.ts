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
import { centsOf } from './timeline';

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

	const [revenue, previousRevenue] = revenuesBetween(d.orders, [{ from, to }, previous]);

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
 * Revenue of the orders dated in each period [from, to), kept per orders array and period.
 * While every amount counted is whole cents (money as the records hold it), the sum is kept
 * in cents, exactly, so an array made from the previous one by replacing a few orders (after
 * an edit) gets its sum by taking those orders' old amounts out and their new ones in.
 * Otherwise amounts are added in order, as floating-point numbers. Either way the result is
 * rounded to cents. The periods not kept are summed together, in one pass over the orders.
 */
interface PeriodRevenue {
	/** The sum in cents, or NaN when an amount was not whole cents. */
	cents: number;
	/** The sum of the amounts as floating-point numbers, in order (used when `cents` is NaN). */
	sum: number;
}
const periodRevenue = new WeakMap<readonly Order[], Map<string, PeriodRevenue>>();

function revenuesBetween(orders: readonly Order[], periods: readonly Period[]): number[] {
	const byPeriod = periodRevenue.get(orders) ?? new Map<string, PeriodRevenue>();
	periodRevenue.set(orders, byPeriod);
	const keys = periods.map(({ from, to }) => `${from}/${to}`);
	const lineage = lineageOf(orders);
	const earlier = lineage && periodRevenue.get(lineage.before as readonly Order[]);
	const found = periods.map(({ from, to }, k) => {
		const kept = byPeriod.get(keys[k]);
		if (kept) return kept;
		const previous = earlier?.get(keys[k]);
		return previous && patchRevenue(previous, lineage!, orders, from, to);
	});
	const missing = periods.filter((_, k) => !found[k]);
	const summed = missing.length ? sumRevenues(orders, missing) : [];
	return periods.map((_, k) => {
		const r = found[k] ?? summed.shift()!;
		if (!byPeriod.has(keys[k])) {
			if (byPeriod.size >= 16) byPeriod.clear();
			byPeriod.set(keys[k], r);
		}
		return r.cents === r.cents ? r.cents / 100 : sumMoney([r.sum]);
	});
}

/** a + b, or NaN once the sum leaves the range where every whole number is exact. */
function addCents(a: number, b: number): number {
	const c = a + b;
	return c <= 2 ** 52 && c >= -(2 ** 52) ? c : NaN;
}

/**
 * The revenue of each period, in one pass over the revenue orders. (Taking it from trends'
 * revenue index by date was tried: per scope after an edit, e.g. a manager's 25 per-rep
 * overviews, that rebuilt the index each time and held up the next edit by 100–200 ms.)
 */
function sumRevenues(orders: readonly Order[], periods: readonly Period[]): PeriodRevenue[] {
	const { row, amount, day } = orderLines(orders);
	const revenue = revenueIndexes(orders);
	const n = periods.length;
	const from = Float64Array.from(periods, (p) => p.from);
	const to = Float64Array.from(periods, (p) => p.to);
	const sum = new Float64Array(n);
	const cents = new Float64Array(n);
	for (let j = 0; j < revenue.length; j++) {
		const r = row[revenue[j]];
		const t = day[r];
		for (let k = 0; k < n; k++) {
			if (!(t >= from[k] && t < to[k])) continue;
			sum[k] += amount[r];
			cents[k] = addCents(cents[k], centsOf(amount[r]));
		}
	}
	return periods.map((_, k) => ({ cents: cents[k], sum: sum[k] }));
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
