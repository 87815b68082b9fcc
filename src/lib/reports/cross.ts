/** Cross analysis: a pivot of any two dimensions against count, revenue or average rating. */
import { GRADES, roundMoney, SOURCES, STAGES, type Customer } from '../domain';
import type { Dataset } from './dataset';
import {
	applyFilter,
	customerCodes,
	customerCodeTables,
	regionOf,
	scopeDataset,
	type ReportFilter
} from './filters';
import {
	customerPositions,
	monthNames,
	orderColumns,
	orderLines,
	orderRating,
	productNames,
	rawRows
} from './indexes';

export const CUSTOMER_DIMENSIONS = ['stage', 'grade', 'source', 'region', 'owner'] as const;
export const ORDER_DIMENSIONS = ['month', 'product'] as const;
export type Dimension = (typeof CUSTOMER_DIMENSIONS)[number] | (typeof ORDER_DIMENSIONS)[number];
export type Measure = 'count' | 'revenue' | 'avgRating';

export interface CrossParams {
	rows: Dimension;
	columns: Dimension;
	measure: Measure;
	filter?: ReportFilter;
}

export interface Pivot {
	/** What `count` counts here. */
	unit: 'customers' | 'orders';
	rows: string[];
	columns: string[];
	/** cells[row][column]; null where an average has nothing to average. */
	cells: (number | null)[][];
	rowTotals: (number | null)[];
	columnTotals: (number | null)[];
	total: number | null;
}

const NONE = 'none';
const ORDERED: Partial<Record<Dimension, readonly string[]>> = {
	stage: STAGES,
	grade: GRADES,
	source: SOURCES
};
const customerKey: Record<(typeof CUSTOMER_DIMENSIONS)[number], (c: Customer) => string> = {
	stage: (c) => c.stage,
	grade: (c) => c.grade ?? NONE,
	source: (c) => c.source ?? NONE,
	region: regionOf,
	owner: (c) => c.ownerId
};
const isCustomerDim = (d: Dimension): d is (typeof CUSTOMER_DIMENSIONS)[number] => d in customerKey;

/** A dimension's key of each unit, as codes into `names`. */
interface KeyTable {
	names: string[];
	/** Per customer position (customer dimensions) or per order (month); unused for product. */
	codes?: Int32Array;
}

/** Customer dimension keys per customer position, kept per scoped customers array. */
const customerKeys = new Map<string, WeakMap<readonly Customer[], KeyTable>>();
function customerKeyTable(customers: readonly Customer[], dim: CustomerDimension): KeyTable {
	let byArray = customerKeys.get(dim);
	if (!byArray) customerKeys.set(dim, (byArray = new WeakMap()));
	let table = byArray.get(customers);
	if (!table) {
		// The keys as `customerKey` gives them, coded once per raw customers array.
		const { raw, row } = rawRows(customers);
		const column = customerCodes(raw)[dim];
		const codes = new Int32Array(row.length);
		for (let k = 0; k < row.length; k++) codes[k] = column[row[k]];
		byArray.set(customers, (table = { names: customerCodeTables[dim].names, codes }));
	}
	return table;
}

/**
 * Accumulators of a pivot: one slot per cell, row, column and the total, in typed arrays.
 * A unit (order or customer) adds its revenue each time it is placed in a slot, and counts
 * (and adds its rating) once per slot.
 */
class Accs {
	n: Int32Array;
	sum: Float64Array;
	ratings: Int32Array;
	ratingSum: Float64Array;
	last: Float64Array;
	constructor(size: number) {
		this.n = new Int32Array(size);
		this.sum = new Float64Array(size);
		this.ratings = new Int32Array(size);
		this.ratingSum = new Float64Array(size);
		this.last = new Float64Array(size).fill(-1);
	}
}

/**
 * How a placed unit changes a slot, reduced to what the measure reads: revenue sums,
 * counts (units once per slot), or ratings (once per slot; every placed unit has one).
 */
type Add = (a: Accs, slot: number, unit: number, revenue: number, rating: number) => void;
const adders: Record<Measure, Add> = {
	revenue: (a, slot, _unit, revenue) => {
		a.sum[slot] += revenue;
	},
	count: (a, slot, unit) => {
		if (a.last[slot] === unit) return;
		a.last[slot] = unit;
		a.n[slot]++;
	},
	avgRating: (a, slot, unit, _revenue, rating) => {
		if (a.last[slot] === unit) return;
		a.last[slot] = unit;
		a.ratings[slot]++;
		a.ratingSum[slot] += rating;
	}
};

type CustomerDimension = (typeof CUSTOMER_DIMENSIONS)[number];

/**
 * When both dimensions are customer dimensions (stage, grade, source, region, owner) and
 * the measure is count, cells count customers. Otherwise the unit is the order, placed by
 * its customer's attributes, its month (`YYYY-MM` of its date) and its products:
 * count = revenue orders, revenue = their amount (with a product dimension: that product's
 * lines, quantity × unitPrice), avgRating = mean rating of rated orders of any status.
 * An order with several products counts once in each product's cell and once in each
 * total. Missing grade or source shows as `none`. Rows and columns must differ.
 */
export function crossTab(
	data: Dataset,
	{ rows, columns, measure, filter = {} }: CrossParams
): Pivot {
	if (rows === columns)
		throw new Error(`cross: rows and columns are both "${rows}"; pick two dimensions`);
	const d = applyFilter(data, filter);
	const scoped = scopeDataset(data, filter).customers;
	const byCustomers = measure === 'count' && isCustomerDim(rows) && isCustomerDim(columns);
	const tableOf = (dim: Dimension): KeyTable =>
		isCustomerDim(dim)
			? customerKeyTable(scoped, dim)
			: dim === 'month'
				? { names: monthNames, codes: orderLines(d.orders).month }
				: { names: productNames };
	const lines = byCustomers ? undefined : orderLines(d.orders);
	const rowTable = tableOf(rows);
	const colTable = tableOf(columns);
	const nr = rowTable.names.length;
	const nc = colTable.names.length;
	// Cells by row × column code when that is small enough, else by a slot per cell met.
	const flat = nr * nc <= 1 << 21;
	const slots = new Map<number, number>();
	const cellCap = flat ? nr * nc : 1024;
	let cells = new Accs(cellCap);
	const cellSlot = (r: number, c: number): number => {
		if (flat) return r * nc + c;
		const key = r * nc + c;
		let slot = slots.get(key);
		if (slot === undefined) {
			slots.set(key, (slot = slots.size));
			if (slot >= cells.n.length) cells = grow(cells);
		}
		return slot;
	};
	const rowAccs = new Accs(nr);
	const colAccs = new Accs(nc);
	const all = new Accs(1);
	const rowSeen = new Uint8Array(nr);
	const colSeen = new Uint8Array(nc);
	const add = adders[measure];
	const place = (unit: number, r: number, c: number, revenue: number, rating: number) => {
		rowSeen[r] = 1;
		colSeen[c] = 1;
		add(cells, cellSlot(r, c), unit, revenue, rating);
		add(rowAccs, r, unit, revenue, rating);
		add(colAccs, c, unit, revenue, rating);
		add(all, 0, unit, revenue, rating);
	};

	if (byCustomers) {
		const at = customerPositions(d.customers)!;
		const rc = rowTable.codes!;
		const cc = colTable.codes!;
		for (let i = 0; i < d.customers.length; i++) place(i, rc[at[i]], cc[at[i]], 0, 0);
	} else {
		const at = customerPositions(d.orders)!;
		const raw = rawRows(d.orders).raw;
		const { revenue: revenueFlags, rating: ratings } = orderColumns(raw);
		// The code of a unit's key: customer dimensions by position, month by order, product by line.
		const kindOf = (dim: Dimension) => (isCustomerDim(dim) ? 0 : dim === 'month' ? 1 : 2);
		const [rowKind, colKind] = [kindOf(rows), kindOf(columns)];
		const [rowOf, colOf] = [rowTable.codes, colTable.codes];
		const code = (kind: number, codes: Int32Array | undefined, i: number, line: number) =>
			kind === 0 ? codes![at[i]] : kind === 1 ? codes![row[i]] : line;
		const withProduct = rows === 'product' || columns === 'product';
		const { row, start, product, value, amount } = lines!;
		const byRating = measure === 'avgRating';
		for (let i = 0; i < row.length; i++) {
			const r = row[i];
			const revenue = revenueFlags[r] === 1;
			let rating = 0;
			if (byRating) {
				const given = orderRating(ratings[r], raw, r);
				if (given === undefined) continue;
				rating = given;
			} else if (!revenue) continue;
			if (!withProduct) {
				place(
					i,
					code(rowKind, rowOf, i, -1),
					code(colKind, colOf, i, -1),
					revenue ? amount[r] : 0,
					rating
				);
				continue;
			}
			// One part per product, in order of first appearance; its lines' values summed in order.
			const first = start[r];
			const end = start[r + 1];
			for (let l = first; l < end; l++) {
				const p = product[l];
				let seen = false;
				for (let m = first; m < l && !seen; m++) seen = product[m] === p;
				if (seen) continue;
				let partRevenue = 0 + value[l];
				for (let m = l + 1; m < end; m++) if (product[m] === p) partRevenue += value[m];
				place(
					i,
					code(rowKind, rowOf, i, p),
					code(colKind, colOf, i, p),
					revenue ? partRevenue : 0,
					rating
				);
			}
		}
	}

	const value = (a: Accs, slot: number | undefined): number | null => {
		if (slot === undefined) return measure === 'avgRating' ? null : 0;
		if (measure === 'avgRating')
			return a.ratings[slot] ? a.ratingSum[slot] / a.ratings[slot] : null;
		if (measure === 'revenue') return roundMoney(a.sum[slot]);
		return a.n[slot];
	};
	const rowCodes = sortKeys(rows, rowTable.names, rowSeen);
	const colCodes = sortKeys(columns, colTable.names, colSeen);
	const slotOf = (r: number, c: number) => (flat ? r * nc + c : slots.get(r * nc + c));
	return {
		unit: byCustomers ? 'customers' : 'orders',
		rows: rowCodes.map((r) => rowTable.names[r]),
		columns: colCodes.map((c) => colTable.names[c]),
		cells: rowCodes.map((r) => colCodes.map((c) => value(cells, slotOf(r, c)))),
		rowTotals: rowCodes.map((r) => value(rowAccs, r)),
		columnTotals: colCodes.map((c) => value(colAccs, c)),
		total: value(all, 0)
	};
}

function grow(a: Accs): Accs {
	const b = new Accs(a.n.length * 2);
	b.n.set(a.n);
	b.sum.set(a.sum);
	b.ratings.set(a.ratings);
	b.ratingSum.set(a.ratingSum);
	b.last.set(a.last);
	return b;
}

/** Codes of the keys met: enumerations in their defined order (then `none`), else ascending. */
function sortKeys(dim: Dimension, names: readonly string[], seen: Uint8Array): number[] {
	const met: number[] = [];
	for (let k = 0; k < seen.length; k++) if (seen[k]) met.push(k);
	const order = ORDERED[dim];
	if (!order) return met.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
	const codeOf = new Map(met.map((k) => [names[k], k]));
	return [...order, NONE].filter((k) => codeOf.has(k)).map((k) => codeOf.get(k)!);
}
