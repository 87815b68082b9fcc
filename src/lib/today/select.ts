/**
 * What the Today page lists: follow-ups due, visits planned for the coming days. Pure
 * functions of the visits on the device and the clock, so the rules are tested here.
 */
import type { Visit } from '$lib/domain';
import { createdAtOf } from '$lib/domain/ids';

export const DAY_MS = 86_400_000;

/** Local midnight of the day containing `now`. */
export function startOfLocalDay(now: number): number {
	const d = new Date(now);
	d.setHours(0, 0, 0, 0);
	return d.getTime();
}

/** Local midnight `days` calendar days after the day containing `now` (DST-safe). */
export function addLocalDays(now: number, days: number): number {
	const d = new Date(startOfLocalDay(now));
	d.setDate(d.getDate() + days);
	return d.getTime();
}

/**
 * True when a visit records something that took place rather than a plan: it was checked
 * in, or its planned time is not after the moment it was written down (a visit logged
 * after the fact, or one saved "now" because no position was available).
 */
export function visitHappened(v: Visit): boolean {
	if (v.checkIn) return true;
	return v.plannedAt !== undefined && v.plannedAt <= createdAtOf(v);
}

/** When a visit took place or is planned to: its check-in, else its planned time. */
export function visitMoment(v: Visit): number | undefined {
	return v.checkIn?.at ?? v.plannedAt;
}

export interface DueFollowUp {
	visit: Visit;
	dueAt: number;
	/** Due before today (local). */
	overdue: boolean;
}

/**
 * Follow-ups due today or overdue: visits whose `nextFollowUpAt` falls before the end of
 * today, unless a later visit of the same customer supersedes them. A later visit
 * supersedes when it took place (see `visitHappened`) or is still planned from today on
 * (the rep has scheduled the follow-up; it shows under planned visits). A planned visit
 * whose day passed without a check-in supersedes nothing. Oldest due first.
 */
export function followUpsDue(visits: readonly Visit[], now: number): DueFollowUp[] {
	const todayStart = startOfLocalDay(now);
	const tomorrow = addLocalDays(now, 1);
	const latestAnswer = new Map<string, number>();
	for (const v of visits) {
		const t = visitMoment(v);
		if (t === undefined) continue;
		const answers = visitHappened(v) || t >= todayStart;
		if (answers && t > (latestAnswer.get(v.customerId) ?? -Infinity))
			latestAnswer.set(v.customerId, t);
	}
	const due: DueFollowUp[] = [];
	for (const v of visits) {
		if (v.nextFollowUpAt === undefined || v.nextFollowUpAt >= tomorrow) continue;
		const t = visitMoment(v) ?? -Infinity;
		if ((latestAnswer.get(v.customerId) ?? -Infinity) > t) continue;
		due.push({ visit: v, dueAt: v.nextFollowUpAt, overdue: v.nextFollowUpAt < todayStart });
	}
	return due.sort((a, b) => a.dueAt - b.dueAt || (a.visit.id < b.visit.id ? -1 : 1));
}

export interface PlannedDay {
	/** Local midnight of the day. */
	day: number;
	visits: Visit[];
}

/**
 * Visits planned from today through `days` days ahead that have not taken place, grouped
 * by local day in time order. Today's keep showing after their hour has passed, so a rep
 * running late can still check in.
 */
export function plannedVisits(visits: readonly Visit[], now: number, days = 7): PlannedDay[] {
	const from = startOfLocalDay(now);
	const until = addLocalDays(now, days);
	const upcoming = visits
		.filter(
			(v) =>
				v.plannedAt !== undefined && v.plannedAt >= from && v.plannedAt < until && !visitHappened(v)
		)
		.sort((a, b) => a.plannedAt! - b.plannedAt! || (a.id < b.id ? -1 : 1));
	const byDay = new Map<number, Visit[]>();
	for (const v of upcoming) {
		const day = startOfLocalDay(v.plannedAt!);
		byDay.set(day, [...(byDay.get(day) ?? []), v]);
	}
	return [...byDay].map(([day, list]) => ({ day, visits: list }));
}

/** The first `limit` visits of `days`, keeping the grouping (for a "show all" list). */
export function firstVisits(days: readonly PlannedDay[], limit: number): PlannedDay[] {
	const out: PlannedDay[] = [];
	let left = limit;
	for (const d of days) {
		if (left <= 0) break;
		out.push({ day: d.day, visits: d.visits.slice(0, left) });
		left -= d.visits.length;
	}
	return out;
}
