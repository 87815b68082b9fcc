/** Who the customers are: counts by stage, grade, source, region and tag, and RFM segments. */
import { GRADES, roundMoney, SOURCES, STAGES, type Customer } from '../domain';
import { countKeys, countKeysAt, DAY_MS, type Dataset } from './dataset';
import {
	customerIds,
	customerPositions,
	idOrder,
	orderLines,
	rawRows,
	revenueIndexes
} from './indexes';
import {
	applyFilter,
	customerCodes,
	customerCodeTables,
	scopeDataset,
	type ReportFilter
} from './filters';

export interface SegmentationParams {
	now: number;
	filter?: ReportFilter;
}

export const RFM_SEGMENTS = [
	'champions',
	'loyal',
	'new',
	'at_risk',
	'hibernating',
	'others'
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmRow {
	customerId: string;
	recencyDays: number;
	frequency: number;
	monetary: number;
	r: number;
	f: number;
	m: number;
	segment: RfmSegment;
}

export interface Segmentation {
	customers: number;
	/** Missing grade or source counts under `none`. */
	byStage: Record<string, number>;
	byGrade: Record<string, number>;
	bySource: Record<string, number>;
	byRegion: Record<string, number>;
	/** A customer counts once under each of their tags; `untagged` counts those with none. */
	byTag: Record<string, number>;
	untagged: number;
	rfm: RfmRow[];
	segments: Record<RfmSegment, string[]>;
}

/** R score from days since the last revenue order: ≤30 → 5, ≤60 → 4, ≤90 → 3, ≤180 → 2, else 1. */
export function recencyScore(days: number): number {
	return days <= 30 ? 5 : days <= 60 ? 4 : days <= 90 ? 3 : days <= 180 ? 2 : 1;
}

/**
 * F and M scores: where a value stands among everyone's, by mid-rank:
 * ceil(5 × (customers below it + half of those equal to it) / customers), at least 1.
 * Ties share a score; a lone customer scores 3 (no one to compare with).
 */
export function rankScores(values: readonly number[]): number[] {
	const sorted = Float64Array.from(values).sort();
	const n = sorted.length;
	// Where each run of equal values ends (one past it), by any place in the run.
	const runEnd = new Int32Array(n);
	for (let i = n - 1; i >= 0; i--) {
		runEnd[i] = i + 1 < n && sorted[i + 1] === sorted[i] ? runEnd[i + 1] : i + 1;
	}
	return values.map((v) => {
		// NaN is below nothing and equal to nothing.
		if (v !== v) return 1;
		// The first place not below v: v itself (every v is among the sorted values).
		let lo = 0;
		let hi = n;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (sorted[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		const equal = runEnd[lo] - lo;
		return Math.max(1, Math.ceil((5 * (lo + equal / 2)) / n));
	});
}

/**
 * Segments, first match wins: new (one revenue order, R ≥ 4); champions (R, F, M ≥ 4);
 * loyal (R ≥ 3, F ≥ 3, more than one order); at_risk (R ≤ 2 with F or M ≥ 3: valuable, gone quiet);
 * hibernating (R ≤ 2); others.
 */
export function rfmSegment(frequency: number, r: number, f: number, m: number): RfmSegment {
	if (frequency === 1 && r >= 4) return 'new';
	if (r >= 4 && f >= 4 && m >= 4) return 'champions';
	if (r >= 3 && f >= 3 && frequency > 1) return 'loyal';
	if (r <= 2 && (f >= 3 || m >= 3)) return 'at_risk';
	if (r <= 2) return 'hibernating';
	return 'others';
}

/**
 * Counts describe the customers the filter keeps (created in the date range, when one is
 * given). RFM covers every in-scope customer with a revenue order in the range: recency in
 * whole days from the last such order's date to `now`, frequency their count, monetary
 * their sum. Customers without a revenue order have no RFM row.
 */
export function segmentation(
	data: Dataset,
	{ now, filter = {} }: SegmentationParams
): Segmentation {
	const d = applyFilter(data, filter);
	const cs = d.customers;

	// Per customer position in the scope: last revenue order day, count and sum.
	const scope = scopeDataset(data, filter);
	const n = scope.customers.length;
	const lastDay = new Float64Array(n).fill(-Infinity);
	const frequency = new Int32Array(n);
	const monetary = new Float64Array(n);
	const at = customerPositions(d.orders)!;
	const { row, amount, day } = orderLines(d.orders);
	for (const i of revenueIndexes(d.orders)) {
		const k = at[i];
		lastDay[k] = Math.max(lastDay[k], day[row[i]]);
		frequency[k]++;
		monetary[k] += amount[row[i]];
	}
	// Customers with a revenue order, in id order.
	const rowsAt: number[] = [];
	for (const k of idOrder(scope.customers).order) if (frequency[k] > 0) rowsAt.push(k);
	const allIds = customerIds(scope.customers);
	const ids = rowsAt.map((k) => allIds[k]);
	const fs = rankScores(rowsAt.map((k) => frequency[k]));
	const ms = rankScores(rowsAt.map((k) => monetary[k]));
	const segments = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, [] as string[]])) as Record<
		RfmSegment,
		string[]
	>;
	const rfm = ids.map((customerId, i): RfmRow => {
		const k = rowsAt[i];
		const recencyDays = Math.max(0, Math.floor((now - lastDay[k]) / DAY_MS));
		const r = recencyScore(recencyDays);
		const segment = rfmSegment(frequency[k], r, fs[i], ms[i]);
		segments[segment].push(customerId);
		return {
			customerId,
			recencyDays,
			frequency: frequency[k],
			monetary: roundMoney(monetary[k]),
			r,
			f: fs[i],
			m: ms[i],
			segment
		};
	});

	return { ...customerCounts(cs), rfm, segments };
}

type Counts = Omit<Segmentation, 'rfm' | 'segments'>;
/** Counts by stage, grade, source, region and tag depend on the customers alone: kept per array. */
const countsOf = new WeakMap<readonly Customer[], Counts>();
function customerCounts(cs: readonly Customer[]): Counts {
	let counts = countsOf.get(cs);
	if (!counts) {
		const { raw, row } = rawRows(cs);
		const codes = customerCodes(raw);
		const t = customerCodeTables;
		const tags: string[] = [];
		let untagged = 0;
		for (const c of cs) {
			const interests = c.interests;
			if (interests.length === 0) untagged++;
			for (const tag of interests) tags.push(tag);
		}
		counts = {
			customers: cs.length,
			byStage: countKeysAt(codes.stage, row, t.stage.names, STAGES),
			byGrade: countKeysAt(codes.grade, row, t.grade.names, GRADES),
			bySource: countKeysAt(codes.source, row, t.source.names, SOURCES),
			byRegion: countKeysAt(codes.region, row, t.region.names),
			byTag: countKeys(tags),
			untagged
		};
		countsOf.set(cs, counts);
	}
	// Copies, so a caller changing a result never changes another snapshot's.
	return {
		customers: counts.customers,
		byStage: { ...counts.byStage },
		byGrade: { ...counts.byGrade },
		bySource: { ...counts.bySource },
		byRegion: { ...counts.byRegion },
		byTag: { ...counts.byTag },
		untagged: counts.untagged
	};
}
