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
/** Local midnights of the years 1900–2199 by year × 372 + month × 31 + day (NaN: not yet known). */
const FIRST_YEAR = 1900;
const fastDays = new Float64Array(300 * 372).fill(NaN);

/** The date's digit at `i`, or NaN when that character is not 0–9. */
function digit(s: string, i: number): number {
	const n = s.charCodeAt(i) - 48;
	return n >= 0 && n <= 9 ? n : NaN;
}

/**
 * A `YYYY-MM-DD` date of the years 1900–2199 as (year − 1900) × 372 + (month − 1) × 31 +
 * (day − 1), which orders dates as the calendar does; −1 for any other string.
 */
export function dayKey(date: string): number {
	if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
		const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
		const m = digit(date, 5) * 10 + digit(date, 6);
		const d = digit(date, 8) * 10 + digit(date, 9);
		// NaN (a non-digit) fails every bound.
		if (y >= FIRST_YEAR && y < FIRST_YEAR + 300 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
			return (y - FIRST_YEAR) * 372 + (m - 1) * 31 + (d - 1);
		}
	}
	return -1;
}

/** `dayStart` of the date whose `dayKey` is `key` (≥ 0). */
export function dayStartOfKey(key: number): number {
	let t = fastDays[key];
	if (Number.isNaN(t)) {
		const y = Math.floor(key / 372);
		const m = Math.floor((key - y * 372) / 31);
		fastDays[key] = t = new Date(FIRST_YEAR + y, m, key - y * 372 - m * 31 + 1).getTime();
	}
	return t;
}

/** Local midnight (epoch ms) of a `YYYY-MM-DD` calendar date. */
export function dayStart(date: string): number {
	const key = dayKey(date);
	if (key >= 0) return dayStartOfKey(key);
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

/**
 * Counts of `keys`, starting every one of `known` at 0 so charts keep a stable order. Any
 * string is a key, `constructor` and `__proto__` included (a tag may be called that).
 */
export function countKeys(
	keys: Iterable<string>,
	known: readonly string[] = []
): Record<string, number> {
	const counts = new Map<string, number>();
	for (const k of known) counts.set(k, 0);
	for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
	return Object.fromEntries(counts);
}

/**
 * `countKeys` of `names[codes[rows[i]]]` for every i, counted by code: the same keys in the
 * same order with the same counts.
 */
export function countKeysAt(
	codes: Int32Array,
	rows: Int32Array,
	names: readonly string[],
	known: readonly string[] = []
): Record<string, number> {
	const counts = new Int32Array(names.length);
	const order: number[] = [];
	for (let i = 0; i < rows.length; i++) {
		const c = codes[rows[i]];
		if (counts[c]++ === 0) order.push(c);
	}
	const out = new Map<string, number>();
	for (const k of known) out.set(k, 0);
	for (const c of order) out.set(names[c], (out.get(names[c]) ?? 0) + counts[c]);
	return Object.fromEntries(out);
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

/** A rating as a byte: 0 for none (undefined), 1–5 for those numbers, 6 for anything else. */
export const NO_RATING = 0;
export const OTHER_RATING = 6;
export function ratingCode(r: unknown): number {
	if (r === undefined) return NO_RATING;
	return r === 1 || r === 2 || r === 3 || r === 4 || r === 5 ? r : OTHER_RATING;
}

/**
 * `ratingSummary` of the ratings coded (`ratingCode`) at `codes[rows[i]]` for each i: the
 * same counts, and the same sum in the same order (only numbers 1–5 count there too).
 */
export function ratingSummaryAt(
	codes: Uint8Array,
	rows: Int32Array
): ReturnType<typeof ratingSummary> {
	const counts = [0, 0, 0, 0, 0, 0, 0];
	let sum = 0;
	let count = 0;
	for (let i = 0; i < rows.length; i++) {
		const r = codes[rows[i]];
		if (r === NO_RATING || r === OTHER_RATING) continue;
		counts[r]++;
		sum += r;
		count++;
	}
	return {
		average: count ? sum / count : null,
		count,
		distribution: { '1': counts[1], '2': counts[2], '3': counts[3], '4': counts[4], '5': counts[5] }
	};
}
