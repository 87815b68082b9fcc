/** Field activity: visits and check-ins per rep per ISO week, follow-ups, customers gone quiet. */
import type { Customer, Visit } from '../domain';
import { DAY_MS, type Dataset } from './dataset';
import { applyFilter, scopeDataset, type ReportFilter } from './filters';
import {
	customerColumns,
	customerPositions,
	idOrder,
	latestCheckIns,
	latestOpenings,
	latestOrderDays,
	memo,
	openFollowUpsMemo,
	rawRows,
	visitColumns
} from './indexes';
import { bucketKey, WeekStarts } from './timeline';

export interface ActivityParams {
	now: number;
	filter?: ReportFilter;
	/** Follow-ups due within this many days count as due (default 7). */
	dueDays?: number;
	/** Silence thresholds in days (default 30, 60, 90). */
	quietDays?: number[];
}

export interface RepWeek {
	ownerId: string;
	week: string;
	weekStart: number;
	visits: number;
	checkIns: number;
}

export interface RepActivity {
	ownerId: string;
	visits: number;
	checkIns: number;
	followUpsDue: number;
	followUpsOverdue: number;
}

export interface Activity {
	weeks: RepWeek[];
	reps: RepActivity[];
	followUpsDue: number;
	followUpsOverdue: number;
	/** Cumulative: a customer quiet for 90 days is also in the 30- and 60-day rows. */
	notContacted: { days: number; customerIds: string[] }[];
}

/**
 * A visit belongs to the owner of its customer and to the week of its check-in (else its
 * planned time); the date range picks visits. Follow-ups (see openFollowUps) and silence
 * are as of `now`, for every customer in scope: due means now ≤ due < now + dueDays,
 * overdue means due < now. A customer's last contact is the latest check-in, order date
 * or service opening; never contacted, their creation.
 */
export function activity(data: Dataset, params: ActivityParams): Activity {
	const { now, filter = {}, dueDays = 7, quietDays = [30, 60, 90] } = params;
	const scoped = scopeDataset(data, filter);
	const ownerOf = (k: number) => scoped.customers[k].ownerId;
	const reps = new Map<string, RepActivity>();
	const rep = (ownerId: string) => {
		let r = reps.get(ownerId);
		if (!r)
			reps.set(
				ownerId,
				(r = { ownerId, visits: 0, checkIns: 0, followUpsDue: 0, followUpsOverdue: 0 })
			);
		return r;
	};

	const visits = visitsPerRepWeek(applyFilter(data, filter).visits, scoped.customers);
	for (const [ownerId, counts] of visits.reps) {
		const r = rep(ownerId);
		r.visits = counts.visits;
		r.checkIns = counts.checkIns;
	}

	let followUpsDue = 0;
	let followUpsOverdue = 0;
	for (const f of openFollowUpsMemo(scoped.visits)) {
		if (f.dueAt < now) {
			followUpsOverdue++;
			rep(ownerOf(f.at)).followUpsOverdue++;
		} else if (f.dueAt < now + dueDays * DAY_MS) {
			followUpsDue++;
			rep(ownerOf(f.at)).followUpsDue++;
		}
	}

	// Each customer's last contact, by position in the scope; never contacted: creation.
	const n = scoped.customers.length;
	const last = new Float64Array(n).fill(-Infinity);
	const latest = (from: Float64Array) => {
		for (let k = 0; k < from.length && k < n; k++) if (from[k] > last[k]) last[k] = from[k];
	};
	latest(latestCheckIns(scoped.visits));
	latest(latestOrderDays(scoped.orders));
	latest(latestOpenings(scoped.services));
	const lastContact = new Float64Array(n);
	const { raw, row } = rawRows(scoped.customers);
	const createdAt = customerColumns(raw).createdAt;
	for (let k = 0; k < n; k++) lastContact[k] = last[k] === -Infinity ? createdAt[row[k]] : last[k];
	const byId = idOrder(scoped.customers).order;

	return {
		weeks: visits.weeks.map((w) => ({ ...w })),
		reps: [...reps.values()].sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1)),
		followUpsDue,
		followUpsOverdue,
		notContacted: quietDays.map((days) => {
			const customerIds: string[] = [];
			const cutoff = now - days * DAY_MS;
			for (const k of byId) if (lastContact[k] <= cutoff) customerIds.push(scoped.customers[k].id);
			return { days, customerIds };
		})
	};
}

interface VisitCounts {
	/** Sorted by owner, then week. */
	weeks: RepWeek[];
	reps: Map<string, { visits: number; checkIns: number }>;
}

/**
 * Visits and check-ins per owner and ISO week, and per owner; kept per (scoped, ranged)
 * visits array, whose customer positions name `customers`.
 */
const visitCountsOf = new WeakMap<readonly Visit[], VisitCounts>();
function visitsPerRepWeek(visits: readonly Visit[], customers: readonly Customer[]): VisitCounts {
	let counts = visitCountsOf.get(visits);
	if (counts) return counts;
	const weeks = new Map<string, Map<number, RepWeek>>();
	const weekKeys = new Map<number, string>();
	const reps = new Map<string, { visits: number; checkIns: number }>();
	const at = customerPositions(visits)!;
	const owners = ownerIdsOf(customers);
	const { raw, row } = rawRows(visits);
	const { time, checkedIn } = visitColumns(raw);
	const weekOf = new WeekStarts();
	for (let i = 0; i < row.length; i++) {
		const ownerId = owners[at[i]];
		const weekStart = weekOf.get(time[row[i]]);
		let byWeek = weeks.get(ownerId);
		if (!byWeek) weeks.set(ownerId, (byWeek = new Map()));
		let w = byWeek.get(weekStart);
		if (!w) {
			let week = weekKeys.get(weekStart);
			if (week === undefined) weekKeys.set(weekStart, (week = bucketKey(weekStart, 'week')));
			byWeek.set(weekStart, (w = { ownerId, week, weekStart, visits: 0, checkIns: 0 }));
		}
		let r = reps.get(ownerId);
		if (!r) reps.set(ownerId, (r = { visits: 0, checkIns: 0 }));
		w.visits++;
		r.visits++;
		if (checkedIn[row[i]] === 1) {
			w.checkIns++;
			r.checkIns++;
		}
	}
	counts = {
		weeks: [...weeks.values()]
			.flatMap((byWeek) => [...byWeek.values()])
			.sort((a, b) =>
				a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : a.weekStart - b.weekStart
			),
		reps
	};
	visitCountsOf.set(visits, counts);
	return counts;
}

/** Each customer's owner, by position; kept per customers array. */
const ownerIdsOf = memo((customers: readonly Customer[]): string[] =>
	customers.map((c) => c.ownerId)
);
