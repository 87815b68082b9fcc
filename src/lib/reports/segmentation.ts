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
	return Array.from(scoresByRank(Float64Array.from(values)));
}

/**
 * rankScores in typed arrays. The score only grows with the value, so it is worked out once
 * per run of equal values in sorted order (or per count, for small whole numbers), as the
 * least value reaching each score; each value then takes the highest score whose least
 * value it reaches (NaN, below and equal to nothing, scores 1).
 */
function scoresByRank(values: Float64Array | Int32Array): Uint8Array {
	const n = values.length;
	// least[s]: the least value scoring s or more (Infinity while none is known).
	const least = [-Infinity, -Infinity, Infinity, Infinity, Infinity, Infinity];
	const reach = (value: number, below: number, equal: number) => {
		const score = Math.max(1, Math.ceil((5 * (below + equal / 2)) / n));
		for (let s = 2; s <= score; s++) if (least[s] === Infinity) least[s] = value;
	};
	const counts = values instanceof Int32Array ? countsOfSmall(values) : undefined;
	if (counts) {
		for (let v = 0, below = 0; v < counts.length; below += counts[v++]) {
			if (counts[v] > 0) reach(v, below, counts[v]);
		}
	} else {
		const sorted = Float64Array.from(values).sort();
		for (let i = 0; i < n;) {
			const v = sorted[i];
			// NaN sorts last and equals nothing.
			if (v !== v) break;
			let j = i + 1;
			while (j < n && sorted[j] === v) j++;
			reach(v, i, j - i);
			i = j;
		}
	}
	const [, , l2, l3, l4, l5] = least;
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const v = values[i];
		out[i] = v >= l5 ? 5 : v >= l4 ? 4 : v >= l3 ? 3 : v >= l2 ? 2 : 1;
	}
	return out;
}

/** How many times each value occurs, when all are whole numbers from 0 to 4n; else undefined. */
function countsOfSmall(values: Int32Array): Int32Array | undefined {
	let most = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v < 0 || v > 4 * values.length) return undefined;
		if (v > most) most = v;
	}
	const counts = new Int32Array(most + 1);
	for (let i = 0; i < values.length; i++) counts[values[i]]++;
	return counts;
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
	const revenue = revenueIndexes(d.orders);
	for (let x = 0; x < revenue.length; x++) {
		const i = revenue[x];
		const k = at[i];
		const t = day[row[i]];
		// As Math.max: NaN once met stays.
		if (t > lastDay[k] || t !== t) lastDay[k] = t;
		frequency[k]++;
		monetary[k] += amount[row[i]];
	}
	// Customers with a revenue order, in id order, and their figures in that order.
	const order = idOrder(scope.customers).order;
	let rows = 0;
	for (let r = 0; r < order.length; r++) if (frequency[order[r]] > 0) rows++;
	const rowsAt = new Int32Array(rows);
	const rowFrequency = new Int32Array(rows);
	const rowMonetary = new Float64Array(rows);
	for (let r = 0, w = 0; r < order.length; r++) {
		const k = order[r];
		if (frequency[k] === 0) continue;
		rowsAt[w] = k;
		rowFrequency[w] = frequency[k];
		rowMonetary[w++] = monetary[k];
	}
	const fs = scoresByRank(rowFrequency);
	const ms = scoresByRank(rowMonetary);
	const ids = customerIds(scope.customers);
	const segments = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, [] as string[]])) as Record<
		RfmSegment,
		string[]
	>;
	const rfm: RfmRow[] = new Array(rows);
	for (let x = 0; x < rows; x++) {
		const k = rowsAt[x];
		const customerId = ids[k];
		const recencyDays = Math.max(0, Math.floor((now - lastDay[k]) / DAY_MS));
		const r = recencyScore(recencyDays);
		const f = fs[x];
		const m = ms[x];
		const segment = rfmSegment(rowFrequency[x], r, f, m);
		segments[segment].push(customerId);
		rfm[x] = {
			customerId,
			recencyDays,
			frequency: rowFrequency[x],
			monetary: roundMoney(rowMonetary[x]),
			r,
			f,
			m,
			segment
		};
	}

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
		for (let i = 0; i < cs.length; i++) {
			const interests = cs[i].interests;
			if (interests.length === 0) untagged++;
			for (let j = 0; j < interests.length; j++) tags.push(interests[j]);
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
