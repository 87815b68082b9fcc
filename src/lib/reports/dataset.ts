/** The records a report reads, and the small helpers every report shares. */
import {
	REVENUE_STATUSES,
	roundMoney,
	type Campaign,
	type Customer,
	type Order,
	type Participation,
	type Service,
	type Visit
} from '../domain';

/** Everything on the device, as read from the six collections (tombstones included). */
export interface Dataset {
	customers: readonly Customer[];
	orders: readonly Order[];
	services: readonly Service[];
	visits: readonly Visit[];
	campaigns: readonly Campaign[];
	participations: readonly Participation[];
}

export const DAY_MS = 86_400_000;

/** A dataset with no records; tests and pages spread their own collections over it. */
export function emptyDataset(): Dataset {
	return { customers: [], orders: [], services: [], visits: [], campaigns: [], participations: [] };
}

/** False for soft-deleted records (tombstones), which no report counts. */
export function isLive(r: { _deleted?: boolean }): boolean {
	return r._deleted !== true;
}

const revenueStatuses = new Set<string>(REVENUE_STATUSES);

/** True when an order counts as revenue (paid, shipped or completed). */
export function isRevenue(o: Pick<Order, 'status'>): boolean {
	return revenueStatuses.has(o.status);
}

const dayStarts = new Map<string, number>();

/** Local midnight (epoch ms) of a `YYYY-MM-DD` calendar date. */
export function dayStart(date: string): number {
	let t = dayStarts.get(date);
	if (t === undefined) {
		const [y, m, d] = date.split('-').map(Number);
		t = new Date(y, m - 1, d).getTime();
		if (dayStarts.size > 50_000) dayStarts.clear();
		dayStarts.set(date, t);
	}
	return t;
}

/** Sums money so the result stays money (cents-exact). */
export function sumMoney(values: Iterable<number>): number {
	let s = 0;
	for (const v of values) s += v;
	return roundMoney(s);
}

/** Counts of `keys`, starting every one of `known` at 0 so charts keep a stable order. */
export function countKeys(
	keys: Iterable<string>,
	known: readonly string[] = []
): Record<string, number> {
	const out: Record<string, number> = {};
	for (const k of known) out[k] = 0;
	for (const k of keys) out[k] = (out[k] ?? 0) + 1;
	return out;
}

/** Counts of ratings 1–5 and their average (null when there are none). */
export function ratingSummary(ratings: Iterable<number | undefined>): {
	average: number | null;
	count: number;
	distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
} {
	const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
	let sum = 0;
	let count = 0;
	for (const r of ratings) {
		if (r === undefined) continue;
		const key = String(r) as keyof typeof distribution;
		if (!(key in distribution)) continue;
		distribution[key]++;
		sum += r;
		count++;
	}
	return { average: count ? sum / count : null, count, distribution };
}
