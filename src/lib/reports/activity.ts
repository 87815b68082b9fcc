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

	// Follow-ups due and overdue by owner code; counts only, so their order does not matter.
	const open = openFollowUpsMemo(scoped.visits);
	const dueBy = new Int32Array(owners.names.length);
	const overdueBy = new Int32Array(owners.names.length);
	let followUpsDue = 0;
	let followUpsOverdue = 0;
	for (let j = 0; j < open.dueAt.length; j++) {
		const dueAt = open.dueAt[j];
		if (dueAt < now) {
			followUpsOverdue++;
			overdueBy[owners.codes[open.at[j]]]++;
		} else if (dueAt < now + dueDays * DAY_MS) {
			followUpsDue++;
			dueBy[owners.codes[open.at[j]]]++;
		}
	}
	for (let o = 0; o < owners.names.length; o++) {
		if (overdueBy[o] > 0) rep(owners.names[o]).followUpsOverdue = overdueBy[o];
		if (dueBy[o] > 0) rep(owners.names[o]).followUpsDue = dueBy[o];
	}

	return {
		weeks: visits.weeks.map((w) => ({ ...w })),
		reps: [...reps.values()].sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1)),
		followUpsDue,
		followUpsOverdue,
		notContacted: notContacted(scoped, now, quietDays)
	};
}

/**
 * For each of `quietDays`, the customers (in id order) whose last contact (the latest
 * check-in, order date or service opening; never contacted, their creation) is at least
 * that many days before `now`; in one pass over the customers.
 */
function notContacted(
	scoped: Dataset,
	now: number,
	quietDays: readonly number[]
): Activity['notContacted'] {
	const checkIns = latestCheckIns(scoped.visits);
	const orderDays = latestOrderDays(scoped.orders);
	const openings = latestOpenings(scoped.services);
	const { raw, row } = rawRows(scoped.customers);
	const createdAt = customerColumns(raw).createdAt;
	const byId = idOrder(scoped.customers).order;
	const ids = customerIds(scoped.customers);
	const cutoffs = quietDays.map((days) => now - days * DAY_MS);
	const lists = quietDays.map((days) => ({ days, customerIds: [] as string[] }));
	for (let r = 0; r < byId.length; r++) {
		const k = byId[r];
		// The arrays are sized by the positions their records name; NaN is never later.
		let last = -Infinity;
		if (k < checkIns.length && checkIns[k] > last) last = checkIns[k];
		if (k < orderDays.length && orderDays[k] > last) last = orderDays[k];
		if (k < openings.length && openings[k] > last) last = openings[k];
		const contact = last === -Infinity ? createdAt[row[k]] : last;
		for (let q = 0; q < cutoffs.length; q++) {
			if (contact <= cutoffs[q]) lists[q].customerIds.push(ids[k]);
		}
	}
	return lists;
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
	const weekAt = weekCodes(time, row);
	const weekStarts = weekAt.starts;
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
		let cell = o * nw + weekAt.codes[i];
		if (sparse) {
			let c = sparse.get(cell);
			if (c === undefined) sparse.set(cell, (c = sparse.size));
			cell = c;
		}
		if (cellVisits[cell] === 0) {
			if (ownerCells[o].length === 0) ownersMet.push(o);
			ownerCells[o].push(cell);
			cellWeek[cell] = weekAt.codes[i];
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

/**
 * Each visit's week (`WeekStarts`) as a code per distinct week start, in order of first
 * appearance (NaN, for a visit without a time, is one). A day that lies in one week is
 * looked up once (its first and last millisecond in the same week); a visit on a day
 * that spans two weeks (a UTC day across a local Monday midnight), on its own. Exported
 * for tests.
 */
export function weekCodes(
	time: Float64Array,
	row: Int32Array
): { codes: Int32Array; starts: number[] } {
	const weekOf = new WeekStarts();
	const codeOf = new Map<number, number>();
	const starts: number[] = [];
	const code = (weekStart: number) => {
		let c = codeOf.get(weekStart);
		if (c === undefined) {
			codeOf.set(weekStart, (c = starts.length));
			starts.push(weekStart);
		}
		return c;
	};
	// Codes by day (−1 not seen yet, −2 spans two weeks) over the 8,192 days (22 years)
	// around the first visit's day; a visit outside them looks its own week up.
	const byDay = new Int32Array(1 << 13).fill(-1);
	let first = NaN;
	const codes = new Int32Array(row.length);
	for (let i = 0; i < row.length; i++) {
		const t = time[row[i]];
		const day = Math.floor(t / DAY_MS);
		// The first finite day (NaN minus NaN, or ±Infinity minus itself, is NaN).
		if (first !== first && day - day === 0) first = day - (1 << 12);
		const d = day - first;
		let c = d >= 0 && d < byDay.length ? byDay[d] : -2;
		if (c === -1) {
			const start = day * DAY_MS;
			const weekStart = weekOf.get(start);
			byDay[d] = c = weekStart === weekOf.get(start + DAY_MS - 1) ? code(weekStart) : -2;
		}
		codes[i] = c >= 0 ? c : code(weekOf.get(t));
	}
	return { codes, starts };
}

/** Each customer's owner as a code into `names` (distinct owner ids), by position. */
const ownerCodesOf = memo((customers: readonly Customer[]) => {
	const { raw, row } = rawRows(customers);
	const owner = customerCodes(raw).owner;
	const codes = new Int32Array(row.length);
	for (let k = 0; k < row.length; k++) codes[k] = owner[row[k]];
	return { codes, names: customerCodeTables.owner.names };
});
