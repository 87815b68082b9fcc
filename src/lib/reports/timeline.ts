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

/** Events sorted by time, answering "how many, and what sum, in [from, to)" in O(log n). */
export class EventIndex {
	private times: Float64Array;
	private sums: Float64Array;

	constructor(events: { t: number; value?: number }[]) {
		const times = Float64Array.from(events, (e) => e.t);
		const values = Float64Array.from(events, (e) => e.value ?? 0);
		[this.times, this.sums] = EventIndex.sorted(times, values);
	}

	/** The same index from times and values by position (no event objects). */
	static fromArrays(times: Float64Array, values: Float64Array): EventIndex {
		const index = new EventIndex([]);
		[index.times, index.sums] = EventIndex.sorted(times, values);
		return index;
	}

	private static sorted(times: Float64Array, values: Float64Array): [Float64Array, Float64Array] {
		const n = times.length;
		// A stable sort by time (ties keep their order, so sums add up in the same order):
		// the distinct times sorted natively, then each event counted into its time's slot.
		const sortedTimes = times.slice().sort();
		let m = 0;
		for (let i = 0; i < n; i++) {
			if (i === 0 || !(sortedTimes[i] === sortedTimes[m - 1])) sortedTimes[m++] = sortedTimes[i];
		}
		const distinct = sortedTimes.subarray(0, m);
		const slotOf = new Int32Array(n);
		for (let i = 0; i < n; i++) {
			const t = times[i];
			let lo = 0;
			let hi = m;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (distinct[mid] < t) lo = mid + 1;
				else hi = mid;
			}
			// NaN never equals a distinct time: such events sort last, in order.
			const slot = lo < m && distinct[lo] === t ? lo : m;
			slotOf[i] = slot;
		}
		return EventIndex.placed(times, values, slotOf, m);
	}

	private static placed(
		times: Float64Array,
		values: Float64Array,
		slotOf: Int32Array,
		m: number
	): [Float64Array, Float64Array] {
		const n = times.length;
		const next = new Int32Array(m + 2);
		for (let i = 0; i < n; i++) next[slotOf[i] + 1]++;
		for (let k = 0; k <= m; k++) next[k + 1] += next[k];
		const order = new Int32Array(n);
		for (let i = 0; i < n; i++) order[next[slotOf[i]]++] = i;
		const sortedTimes = new Float64Array(n);
		const sums = new Float64Array(n + 1);
		for (let i = 0; i < n; i++) {
			sortedTimes[i] = times[order[i]];
			sums[i + 1] = sums[i] + values[order[i]];
		}
		return [sortedTimes, sums];
	}

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
		return Math.max(0, this.firstAtOrAfter(to) - this.firstAtOrAfter(from));
	}

	sum(from: number, to: number): number {
		const a = this.firstAtOrAfter(from);
		const b = this.firstAtOrAfter(to);
		return b > a ? this.sums[b] - this.sums[a] : 0;
	}
}
