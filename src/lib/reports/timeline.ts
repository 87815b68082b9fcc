/** Calendar buckets (ISO weeks or months, local time) and fast sums of events over them. */
import {
	addMonths,
	addWeeks,
	format,
	getISOWeek,
	getISOWeekYear,
	setISOWeekYear,
	startOfISOWeek,
	startOfMonth
} from 'date-fns';

export type Granularity = 'week' | 'month';

export interface Bucket {
	/** `2024-W05` (ISO week-numbering year and week) or `2024-03`. */
	key: string;
	start: number;
	end: number;
}

export function bucketStart(t: number, g: Granularity): number {
	return g === 'week' ? isoWeekStart(t) : startOfMonth(t).getTime();
}

/** date-fns' startOfISOWeek, the same steps without its option handling (called per record). */
function isoWeekStart(t: number): number {
	const d = new Date(t);
	const day = d.getDay();
	d.setDate(d.getDate() - (day < 1 ? 7 : 0) - day + 1);
	d.setHours(0, 0, 0, 0);
	return d.getTime();
}

const DAY = 86_400_000;

/**
 * `bucketStart(t, 'week')` for many moments, computed once per UTC day: when a day's first
 * and last millisecond fall in the same local week, every moment between them does (a
 * local date never goes backwards), so the day's answer is kept; a day that holds a
 * week's start (local midnight of a Monday) is answered moment by moment.
 */
export class WeekStarts {
	private byDay = new Map<number, number>();

	get(t: number): number {
		const day = Math.floor(t / DAY);
		let w = this.byDay.get(day);
		if (w === undefined) {
			const first = isoWeekStart(day * DAY);
			w = first === isoWeekStart(day * DAY + DAY - 1) ? first : NaN;
			this.byDay.set(day, w);
		}
		return w === w ? w : isoWeekStart(t);
	}
}

function next(start: number, g: Granularity, n = 1): number {
	return (g === 'week' ? addWeeks(start, n) : addMonths(start, n)).getTime();
}

export function bucketKey(start: number, g: Granularity): string {
	if (g === 'month') return format(start, 'yyyy-MM');
	return `${getISOWeekYear(start)}-W${String(getISOWeek(start)).padStart(2, '0')}`;
}

export function bucketAt(start: number, g: Granularity): Bucket {
	return { key: bucketKey(start, g), start, end: next(start, g) };
}

/** The buckets that meet [from, to), in order. */
export function bucketsBetween(from: number, to: number, g: Granularity): Bucket[] {
	const out: Bucket[] = [];
	for (let s = bucketStart(from, g); s < to; s = next(s, g)) out.push(bucketAt(s, g));
	return out;
}

/** The last `count` buckets, ending with the one holding `now`. */
export function lastBuckets(now: number, g: Granularity, count: number): Bucket[] {
	const last = bucketStart(now, g);
	return bucketsBetween(next(last, g, 1 - count), next(last, g), g);
}

/**
 * The same bucket a year earlier: the same month, or the same ISO week number of the
 * previous ISO year (week 53 of a year whose predecessor has 52 becomes that
 * predecessor's following week, week 1 of the next ISO year).
 */
export function yearBefore(b: Bucket, g: Granularity): Bucket {
	if (g === 'month') return bucketAt(addMonths(b.start, -12).getTime(), g);
	const s = startOfISOWeek(setISOWeekYear(b.start, getISOWeekYear(b.start) - 1)).getTime();
	return bucketAt(s, g);
}

/**
 * Events sorted by time, answering "how many, and what sum, in [from, to)" in O(log n).
 * Kept per distinct time (order dates are days, so few): the distinct times ascending,
 * how many events come before each, and the running sum of the events' values there,
 * added one event at a time in time order (ties in their given order), so a sum over a
 * range is the same number a sorted list of every event would give. Events without a
 * time (NaN) are never in a range. Values that are money (whole cents) are also summed
 * exactly, in cents (`centsBetween`).
 */
export class EventIndex {
	/** Distinct times, ascending. */
	private times = new Float64Array(0);
	/** before[k]: events earlier than times[k]; before[m]: events with a time. */
	private before = new Int32Array(1);
	/** sums[k]: the running sum of those events' values. */
	private sums = new Float64Array(1);
	/**
	 * cents[k]: the sum of those events' values in cents (`centsOf`), leaving out the ones
	 * that are not whole cents, which inexact[k] counts; absent when every value is 0.
	 * Exact when the sum of every value's magnitude in cents stays within 2^52 (`exact`).
	 */
	private cents?: Float64Array;
	private inexact?: Int32Array;
	private exact = true;

	constructor(events: { t: number; value?: number }[]) {
		if (!events.length) return;
		this.build(
			Float64Array.from(events, (e) => e.t),
			Float64Array.from(events, (e) => e.value ?? 0)
		);
	}

	/** The same index from times and values by position (no event objects). */
	static fromArrays(times: Float64Array, values: Float64Array): EventIndex {
		const index = new EventIndex([]);
		index.build(times, values);
		return index;
	}

	/**
	 * Events that only count (every value 0) at `times` (NaN: no time): the times sorted
	 * natively, repeats kept, so no map of distinct times is made.
	 */
	static fromTimes(times: Float64Array): EventIndex {
		let n = 0;
		for (let i = 0; i < times.length; i++) if (times[i] === times[i]) n++;
		const sorted = new Float64Array(n);
		for (let i = 0, w = 0; i < times.length; i++) if (times[i] === times[i]) sorted[w++] = times[i];
		sorted.sort();
		const index = new EventIndex([]);
		index.times = sorted;
		index.before = new Int32Array(n + 1);
		for (let k = 0; k <= n; k++) index.before[k] = k;
		index.sums = new Float64Array(n + 1);
		return index;
	}

	/**
	 * The index of events at `rows` of two columns: event i has time `times[rows[i]]` and
	 * value `values[rows[i]]`, a NaN value counting as 0 (a record without one).
	 */
	static fromRows(times: Float64Array, values: Float64Array, rows: Int32Array): EventIndex {
		const index = new EventIndex([]);
		index.build(times, values, rows);
		return index;
	}

	private build(times: Float64Array, values: Float64Array, rows?: Int32Array): void {
		// Each loop is a function of its own, so a first round optimises each without the rest.
		const { slotOf, firstSeen, perSlot } = slotsByTime(times, rows);
		const m = firstSeen.length;
		// The distinct times ascending; where each slot's events start among all, by time.
		const order = Int32Array.from(firstSeen.keys()).sort((a, b) => firstSeen[a] - firstSeen[b]);
		const sorted = new Float64Array(m);
		const before = new Int32Array(m + 1);
		const next = new Int32Array(m);
		for (let k = 0; k < m; k++) {
			const slot = order[k];
			sorted[k] = firstSeen[slot];
			next[slot] = before[k];
			before[k + 1] = before[k] + perSlot[slot];
		}
		const byTime = groupByTime(values, rows, slotOf, next, before[m]);
		const { sums, cents, inexact, magnitude } = runningSums(byTime, before, rows !== undefined);
		this.times = sorted;
		this.before = before;
		this.sums = sums;
		this.cents = cents;
		this.inexact = inexact;
		this.exact = magnitude <= 2 ** 52;
	}

	/** The rank of the first (distinct) time ≥ t. */
	private firstAtOrAfter(t: number): number {
		let lo = 0;
		let hi = this.times.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.times[mid] < t) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	count(from: number, to: number): number {
		return Math.max(
			0,
			this.before[this.firstAtOrAfter(to)] - this.before[this.firstAtOrAfter(from)]
		);
	}

	sum(from: number, to: number): number {
		const a = this.firstAtOrAfter(from);
		const b = this.firstAtOrAfter(to);
		return b > a ? this.sums[b] - this.sums[a] : 0;
	}

	/**
	 * The sum of the values in [from, to) in cents, exactly (whatever their order); NaN when
	 * one of them is not a whole number of cents (`centsOf`), or the index's values are too
	 * large for every sum of them to be exact.
	 */
	centsBetween(from: number, to: number): number {
		const a = this.firstAtOrAfter(from);
		const b = this.firstAtOrAfter(to);
		if (b <= a || !this.cents || !this.inexact) return 0;
		if (!this.exact || this.inexact[b] !== this.inexact[a]) return NaN;
		return this.cents[b] - this.cents[a];
	}
}

/**
 * Each event's slot among the distinct times (−1: no time), in order of first appearance,
 * the times of the slots and how many events each holds.
 */
function slotsByTime(times: Float64Array, rows: Int32Array | undefined) {
	const n = rows ? rows.length : times.length;
	const slotByTime = new TimeSlots();
	const firstSeen: number[] = [];
	const perSlot: number[] = [];
	const slotOf = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const t = times[rows ? rows[i] : i];
		if (t !== t) {
			slotOf[i] = -1;
			continue;
		}
		let slot = slotByTime.get(t);
		if (slot < 0) {
			slotByTime.set(t, (slot = firstSeen.length));
			firstSeen.push(t);
			perSlot.push(0);
		}
		perSlot[slot]++;
		slotOf[i] = slot;
	}
	return { slotOf, firstSeen, perSlot };
}

/**
 * The events' values grouped by time, each time's in their given order (a stable counting
 * sort): the values of slot s start at next[s].
 */
function groupByTime(
	values: Float64Array,
	rows: Int32Array | undefined,
	slotOf: Int32Array,
	next: Int32Array,
	total: number
): Float64Array {
	const byTime = new Float64Array(total);
	for (let i = 0; i < slotOf.length; i++) {
		const slot = slotOf[i];
		if (slot >= 0) byTime[next[slot]++] = values[rows ? rows[i] : i];
	}
	return byTime;
}

/**
 * Running sums of values grouped by time, before each distinct time and after the last (a
 * NaN value counts as 0 when `nanAsZero`), and in cents (`centsOf`): the sum of the values
 * that are whole cents, how many are not, and the sum of their magnitudes.
 */
function runningSums(byTime: Float64Array, before: Int32Array, nanAsZero: boolean) {
	const m = before.length - 1;
	const sums = new Float64Array(m + 1);
	const cents = new Float64Array(m + 1);
	const inexact = new Int32Array(m + 1);
	let sum = 0;
	let sumCents = 0;
	let magnitude = 0;
	let others = 0;
	for (let k = 0, j = 0; k < m; k++) {
		sums[k] = sum;
		cents[k] = sumCents;
		inexact[k] = others;
		for (const end = before[k + 1]; j < end; j++) {
			const v = byTime[j];
			sum += nanAsZero && v !== v ? 0 : v;
			const c = centsOf(v);
			if (c === c) {
				sumCents += c;
				magnitude += Math.abs(c);
			} else others++;
		}
	}
	sums[m] = sum;
	cents[m] = sumCents;
	inexact[m] = others;
	return { sums, cents, inexact, magnitude };
}

/** An amount in cents, or NaN when it is not a whole number of cents (or beyond 2^40 cents). */
export function centsOf(amount: number): number {
	const c = Math.round(amount * 100);
	return c / 100 === amount && Math.abs(c) <= 2 ** 40 ? c : NaN;
}

/**
 * Slots by time (any number but NaN): an open-addressing table in typed arrays, so a
 * lookup boxes no number (a Map keyed by numbers allocates one per `get`).
 */
class TimeSlots {
	private keys = new Float64Array(1024);
	private slots = new Int32Array(1024).fill(-1);
	private size = 0;

	/** The slot of `t`, or −1. */
	get(t: number): number {
		const { keys, slots } = this;
		const mask = slots.length - 1;
		for (let h = hashTime(t) & mask; ; h = (h + 1) & mask) {
			if (slots[h] < 0) return -1;
			if (keys[h] === t) return slots[h];
		}
	}

	/** Sets the slot of a time not in the table. */
	set(t: number, slot: number): void {
		if (2 * (this.size + 1) > this.slots.length) this.grow();
		const mask = this.slots.length - 1;
		let h = hashTime(t) & mask;
		while (this.slots[h] >= 0) h = (h + 1) & mask;
		this.keys[h] = t;
		this.slots[h] = slot;
		this.size++;
	}

	private grow(): void {
		const { keys, slots } = this;
		this.keys = new Float64Array(keys.length * 2);
		this.slots = new Int32Array(slots.length * 2).fill(-1);
		this.size = 0;
		for (let h = 0; h < slots.length; h++) if (slots[h] >= 0) this.set(keys[h], slots[h]);
	}
}

/** A 32-bit hash of a number's whole seconds and its fraction (+0 and −0 alike, as `===`). */
function hashTime(t: number): number {
	const s = Math.floor(t / 1000);
	const lo = s | 0;
	const hi = (s / 4294967296) | 0;
	let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
	h ^= Math.imul((t - s * 1000) * 1024, 0x27d4eb2d) | 0;
	h ^= h >>> 15;
	return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
}
