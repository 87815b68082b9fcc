/** Field activity: visits and check-ins per rep per ISO week, follow-ups, customers gone quiet. */
import type { Customer, Visit } from '../domain';
import { DAY_MS, type Dataset } from './dataset';
import {
	applyFilter,
	customerCodes,
	customerCodeTables,
	scopeDataset,
	type ReportFilter
} from './filters';
import {
	customerColumns,
	customerIds,
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
	const owners = ownerCodesOf(scoped.customers);
	const ownerOf = (k: number) => owners.names[owners.codes[k]];
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
	// Counts only, so the follow-ups' order does not matter (reps are sorted below).
	const open = openFollowUpsMemo(scoped.visits);
	for (let j = 0; j < open.dueAt.length; j++) {
		const dueAt = open.dueAt[j];
		if (dueAt < now) {
			followUpsOverdue++;
			rep(ownerOf(open.at[j])).followUpsOverdue++;
		} else if (dueAt < now + dueDays * DAY_MS) {
			followUpsDue++;
			rep(ownerOf(open.at[j])).followUpsDue++;
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
	const ids = customerIds(scoped.customers);

	return {
		weeks: visits.weeks.map((w) => ({ ...w })),
		reps: [...reps.values()].sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1)),
		followUpsDue,
		followUpsOverdue,
		notContacted: quietDays.map((days) => {
			const customerIds: string[] = [];
			const cutoff = now - days * DAY_MS;
			for (const k of byId) if (lastContact[k] <= cutoff) customerIds.push(ids[k]);
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
	const at = customerPositions(visits)!;
	const owners = ownerCodesOf(customers);
	const { raw, row } = rawRows(visits);
	const { time, checkedIn } = visitColumns(raw);
	// Each visit's week (a code per distinct week start, NaN for a visit without a time).
	const weekOf = new WeekStarts();
	const weekCodes = new Map<number, number>();
	const weekStarts: number[] = [];
	const weekAt = new Int32Array(row.length);
	for (let i = 0; i < row.length; i++) {
		const weekStart = weekOf.get(time[row[i]]);
		let code = weekCodes.get(weekStart);
		if (code === undefined) {
			weekCodes.set(weekStart, (code = weekStarts.length));
			weekStarts.push(weekStart);
		}
		weekAt[i] = code;
	}
	// Counts per owner × week, and cells and owners in the order visits first meet them.
	// Cells by owner × week code, or (many owners and weeks) numbered as met.
	const nw = weekStarts.length;
	const dense = owners.names.length * nw <= 1 << 20;
	const sparse = dense ? undefined : new Map<number, number>();
	const cells = dense ? owners.names.length * nw : row.length;
	const cellVisits = new Int32Array(cells);
	const cellCheckIns = new Int32Array(cells);
	const cellWeek = new Int32Array(cells);
	const ownerCells: number[][] = owners.names.map(() => []);
	const ownersMet: number[] = [];
	for (let i = 0; i < row.length; i++) {
		const o = owners.codes[at[i]];
		let cell = o * nw + weekAt[i];
		if (sparse) {
			let c = sparse.get(cell);
			if (c === undefined) sparse.set(cell, (c = sparse.size));
			cell = c;
		}
		if (cellVisits[cell] === 0) {
			if (ownerCells[o].length === 0) ownersMet.push(o);
			ownerCells[o].push(cell);
			cellWeek[cell] = weekAt[i];
		}
		cellVisits[cell]++;
		if (checkedIn[row[i]] === 1) cellCheckIns[cell]++;
	}
	const weekKeys = new Map<number, string>();
	const reps = new Map<string, { visits: number; checkIns: number }>();
	const weeks: RepWeek[] = [];
	for (const o of ownersMet) {
		const ownerId = owners.names[o];
		const r = { visits: 0, checkIns: 0 };
		reps.set(ownerId, r);
		for (const cell of ownerCells[o]) {
			const weekStart = weekStarts[cellWeek[cell]];
			let week = weekKeys.get(weekStart);
			if (week === undefined) weekKeys.set(weekStart, (week = bucketKey(weekStart, 'week')));
			const w = {
				ownerId,
				week,
				weekStart,
				visits: cellVisits[cell],
				checkIns: cellCheckIns[cell]
			};
			weeks.push(w);
			r.visits += w.visits;
			r.checkIns += w.checkIns;
		}
	}
	counts = {
		weeks: weeks.sort((a, b) =>
			a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : a.weekStart - b.weekStart
		),
		reps
	};
	visitCountsOf.set(visits, counts);
	return counts;
}

/** Each customer's owner as a code into `names` (distinct owner ids), by position. */
const ownerCodesOf = memo((customers: readonly Customer[]) => {
	const { raw, row } = rawRows(customers);
	const owner = customerCodes(raw).owner;
	const codes = new Int32Array(row.length);
	for (let k = 0; k < row.length; k++) codes[k] = owner[row[k]];
	return { codes, names: customerCodeTables.owner.names };
});
