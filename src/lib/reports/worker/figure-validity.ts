/**
 * How long a report's figure stays true while the records do not change: a figure computed
 * with `now: t0` equals the one computed with any `now` in [t0, validUntil] on the same
 * records. The page keeps figures with this bound (`figures-cache.ts`) and shows one again
 * as fresh only inside it.
 *
 * Only the overview is bounded beyond `t0`: with a period given (`filter.to`), its only use
 * of `now` is "overdue follow-ups" (due < now), so it holds until the next follow-up date on
 * the device comes (every visit's `nextFollowUpAt`, open or not, even deleted: a bound, never
 * too late).
 * Every other report, and an overview without `filter.to`, answers `t0`: equal only at the
 * same moment.
 */
import type { Dataset } from '../dataset';

/** Stands for "no later time matters" (JSON has no Infinity). */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

const dueTimes = new WeakMap<readonly object[], Float64Array>();

/** Every visit's follow-up time (tombstones too: a bound), ascending, kept per visits array. */
function followUpTimes(visits: Dataset['visits']): Float64Array {
	let times = dueTimes.get(visits);
	if (!times) {
		const list: number[] = [];
		for (const v of visits) {
			const t = v.nextFollowUpAt;
			if (typeof t === 'number' && Number.isFinite(t)) list.push(t);
		}
		times = Float64Array.from(list).sort();
		dueTimes.set(visits, times);
	}
	return times;
}

/** The first follow-up time at or after `now` (NO_LIMIT when there is none). */
export function nextFollowUp(visits: Dataset['visits'], now: number): number {
	const times = followUpTimes(visits);
	let lo = 0;
	let hi = times.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (times[mid] < now) lo = mid + 1;
		else hi = mid;
	}
	return lo < times.length ? times[lo] : NO_LIMIT;
}

/**
 * The latest `now` for which `report` with `params` on `data` answers what it answered with
 * `params.now`; undefined when the report takes no `now` (then it is not reused at all).
 */
export function figureValidUntil(
	report: string,
	data: Dataset,
	params: unknown
): number | undefined {
	const p = (params ?? {}) as { now?: unknown; filter?: { to?: unknown } };
	if (typeof p.now !== 'number') return undefined;
	if (report !== 'overview' || typeof p.filter?.to !== 'number') return p.now;
	return nextFollowUp(data.visits, p.now);
}
