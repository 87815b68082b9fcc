/** The dashboard's first card: customers by stage, new customers, revenue, open cases, overdue follow-ups. */
import { STAGES, type Customer, type Service, type Stage } from '../domain';
import { countKeys, DAY_MS, sumMoney } from './dataset';
import { scopeDataset, type ReportFilter } from './filters';
import type { Dataset } from './dataset';
import {
	customerColumns,
	idOrder,
	openFollowUpsMemo,
	orderLines,
	rawRows,
	revenueIndexes,
	serviceColumns
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

	let revenue = 0;
	let previousRevenue = 0;
	const { row, amount, day } = orderLines(d.orders);
	for (const i of revenueIndexes(d.orders)) {
		const t = day[row[i]];
		if (t >= from && t < to) revenue += amount[row[i]];
		else if (t >= previous.from && t < previous.to) previousRevenue += amount[row[i]];
	}
	revenue = sumMoney([revenue]);
	previousRevenue = sumMoney([previousRevenue]);

	const overdue = openFollowUpsMemo(d.visits).filter((f) => f.dueAt < now);
	// Their customers once each, in id order (a walk of the shared id order, no sort).
	const flagged = new Uint8Array(d.customers.length);
	for (const f of overdue) flagged[f.at] = 1;
	const overdueAt: number[] = [];
	for (const k of idOrder(d.customers).order) if (flagged[k]) overdueAt.push(k);
	return {
		period: { from, to },
		previous,
		customers: d.customers.length,
		byStage: countKeys(
			d.customers.map((c) => c.stage),
			STAGES
		) as Record<Stage, number>,
		newCustomers: countBetween(d.customers, from, to),
		revenue,
		previousRevenue,
		revenueChange: previousRevenue ? (revenue - previousRevenue) / previousRevenue : null,
		openServices: countOpen(d.services),
		overdueFollowUps: overdue.length,
		overdueCustomerIds: overdueAt.map((k) => d.customers[k].id)
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
