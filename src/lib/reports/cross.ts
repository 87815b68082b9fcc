/** Cross analysis: a pivot of any two dimensions against count, revenue or average rating. */
import { GRADES, roundMoney, SOURCES, STAGES, type Customer, type Order } from '../domain';
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
	rawRows,
	type OrderLines
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
 * Accumulators of a pivot: one slot per cell, row, column and the total, in typed arrays,
 * reduced to what the measure reads. A unit (order or customer) adds its revenue each time
 * it is placed in a slot, and counts (and adds its rating) once per slot.
 */
class Accs {
	n: Int32Array;
	sum: Float64Array;
	ratingSum: Float64Array;
	last: Float64Array;
	constructor(size: number) {
		this.n = new Int32Array(size);
		this.sum = new Float64Array(size);
		this.ratingSum = new Float64Array(size);
		this.last = new Float64Array(size).fill(-1);
	}
}

/**
 * The slots of a pivot: cells by row × column code when that is small enough, else a slot
 * per cell met; rows and columns met. `place` puts one unit in a cell, its row, its column
 * and the total, in the order units are placed (sums add in that order).
 */
class Tally {
	/** Grown (replaced) when more cells are met than first allotted (not flat). */
	cells: Accs;
	readonly rows: Accs;
	readonly columns: Accs;
	readonly all = new Accs(1);
	readonly rowSeen: Uint8Array;
	readonly colSeen: Uint8Array;
	readonly flat: boolean;
	/** Slots of the cells met, by row × column code (when not flat). */
	readonly slots = new Map<number, number>();
	/** Revenue adds at every placement; counts and ratings once per unit and slot. */
	private readonly sums: boolean;
	constructor(
		measure: Measure,
		nr: number,
		private readonly nc: number
	) {
		this.sums = measure === 'revenue';
		this.flat = nr * nc <= 1 << 21;
		this.cells = new Accs(this.flat ? nr * nc : 1024);
		this.rows = new Accs(nr);
		this.columns = new Accs(nc);
		this.rowSeen = new Uint8Array(nr);
		this.colSeen = new Uint8Array(nc);
	}

	/** Marks row r and column c as seen; their cell's slot. */
	private cellOf(r: number, c: number): number {
		this.rowSeen[r] = 1;
		this.colSeen[c] = 1;
		return this.flat ? r * this.nc + c : this.slotOf(r, c);
	}

	/** Adds revenue to the cell, its row and column and the total. */
	private sum(cell: number, r: number, c: number, revenue: number): void {
		const { cells, rows, columns, all } = this;
		cells.sum[cell] += revenue;
		rows.sum[r] += revenue;
		columns.sum[c] += revenue;
		all.sum[0] += revenue;
	}

	place(unit: number, r: number, c: number, revenue: number, rating: number): void {
		const cell = this.cellOf(r, c);
		if (this.sums) return this.sum(cell, r, c, revenue);
		const { cells, rows, columns, all } = this;
		if (cells.last[cell] !== unit) count(cells, cell, unit, rating);
		if (rows.last[r] !== unit) count(rows, r, unit, rating);
		if (columns.last[c] !== unit) count(columns, c, unit, rating);
		if (all.last[0] !== unit) count(all, 0, unit, rating);
	}

	/** `place` for a unit placed only once (in one cell): nothing to check per unit. */
	add(r: number, c: number, revenue: number, rating: number): void {
		const cell = this.cellOf(r, c);
		if (this.sums) return this.sum(cell, r, c, revenue);
		const { cells, rows, columns, all } = this;
		cells.n[cell]++;
		cells.ratingSum[cell] += rating;
		rows.n[r]++;
		rows.ratingSum[r] += rating;
		columns.n[c]++;
		columns.ratingSum[c] += rating;
		all.n[0]++;
		all.ratingSum[0] += rating;
	}

	private slotOf(r: number, c: number): number {
		const key = r * this.nc + c;
		let slot = this.slots.get(key);
		if (slot === undefined) {
			this.slots.set(key, (slot = this.slots.size));
			if (slot >= this.cells.n.length) this.cells = grow(this.cells);
		}
		return slot;
	}
}

/** A unit counted in a slot: its count, and its rating's sum (read for avgRating). */
function count(a: Accs, slot: number, unit: number, rating: number): void {
	a.last[slot] = unit;
	a.n[slot]++;
	a.ratingSum[slot] += rating;
}

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
	const rowTable = tableOf(rows);
	const colTable = tableOf(columns);
	const tally = new Tally(measure, rowTable.names.length, colTable.names.length);
	if (byCustomers) {
		const at = customerPositions(d.customers)!;
		const rc = rowTable.codes!;
		const cc = colTable.codes!;
		for (let i = 0; i < d.customers.length; i++) tally.add(rc[at[i]], cc[at[i]], 0, 0);
	} else {
		placeOrders(
			tally,
			d.orders,
			measure === 'avgRating',
			keyOf(rows, rowTable),
			keyOf(columns, colTable)
		);
	}

	const { cells, rowSeen, colSeen, rows: rowAccs, columns: colAccs, all, flat, slots } = tally;
	const nc = colTable.names.length;
	const value = (a: Accs, slot: number | undefined): number | null => {
		if (slot === undefined) return measure === 'avgRating' ? null : 0;
		if (measure === 'avgRating') return a.n[slot] ? a.ratingSum[slot] / a.n[slot] : null;
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

/** Where a dimension's key of an order comes from: its customer (0), its month (1), its product (2). */
interface OrderKey {
	kind: 0 | 1 | 2;
	/** Codes by customer position (kind 0) or by raw order row (kind 1). */
	codes: Int32Array;
}
const NO_CODES = new Int32Array(0);
function keyOf(dim: Dimension, table: KeyTable): OrderKey {
	const kind = isCustomerDim(dim) ? 0 : dim === 'month' ? 1 : 2;
	return { kind, codes: table.codes ?? NO_CODES };
}

/**
 * Places the revenue orders (with `byRating`, the rated orders of any status) of a scoped
 * orders array, each order once, or with a product dimension once per product it holds
 * (in order of first appearance, its lines' values summed in order). Each loop has a
 * function of its own, so a first round optimises it without the rest.
 */
function placeOrders(
	tally: Tally,
	orders: readonly Order[],
	byRating: boolean,
	rowKey: OrderKey,
	colKey: OrderKey
): void {
	const raw = rawRows(orders).raw;
	const { revenue, rating } = orderColumns(raw);
	const units: OrderUnits = {
		at: customerPositions(orders)!,
		raw,
		revenue,
		rating,
		lines: orderLines(orders),
		byRating
	};
	if (rowKey.kind === 2 || colKey.kind === 2) placeProducts(tally, units, rowKey, colKey);
	else placeWholeOrders(tally, units, rowKey, colKey);
}

/** What placing orders reads: their customer positions, raw columns and lines. */
interface OrderUnits {
	at: Int32Array;
	raw: readonly Order[];
	revenue: Uint8Array;
	rating: Uint8Array;
	lines: OrderLines;
	byRating: boolean;
}

/**
 * The rating an order is placed with (0 when the measure is not a rating), or undefined
 * when it is not placed: unrated (`byRating`), else not a revenue order.
 */
function placedRating(u: OrderUnits, r: number): number | undefined {
	if (u.byRating) return orderRating(u.rating[r], u.raw, r);
	return u.revenue[r] === 1 ? 0 : undefined;
}

/** Orders placed whole (no product dimension): each in one cell, so no unit is met twice. */
function placeWholeOrders(tally: Tally, u: OrderUnits, rowKey: OrderKey, colKey: OrderKey) {
	const { at, revenue } = u;
	const { row, amount } = u.lines;
	// A customer dimension's key by the order's customer position, a month's by its row.
	const [rowByCustomer, rowCodes] = [rowKey.kind === 0, rowKey.codes];
	const [colByCustomer, colCodes] = [colKey.kind === 0, colKey.codes];
	for (let i = 0; i < row.length; i++) {
		const r = row[i];
		const rating = placedRating(u, r);
		if (rating === undefined) continue;
		const value = revenue[r] === 1 ? amount[r] : 0;
		const rk = rowCodes[rowByCustomer ? at[i] : r];
		tally.add(rk, colCodes[colByCustomer ? at[i] : r], value, rating);
	}
}

/** Orders placed once per product they hold. */
function placeProducts(tally: Tally, u: OrderUnits, rowKey: OrderKey, colKey: OrderKey) {
	const { at, revenue } = u;
	const { row, start, product, value } = u.lines;
	const productRows = rowKey.kind === 2;
	// The other dimension's key: a customer's by the order's customer position, a month's by its row.
	const otherKey = productRows ? colKey : rowKey;
	const [byCustomer, codes] = [otherKey.kind === 0, otherKey.codes];
	for (let i = 0; i < row.length; i++) {
		const r = row[i];
		const rating = placedRating(u, r);
		if (rating === undefined) continue;
		const other = codes[byCustomer ? at[i] : r];
		const first = start[r];
		const end = start[r + 1];
		for (let l = first; l < end; l++) {
			const p = product[l];
			let seen = false;
			for (let m = first; m < l && !seen; m++) seen = product[m] === p;
			if (seen) continue;
			let part = 0 + value[l];
			for (let m = l + 1; m < end; m++) if (product[m] === p) part += value[m];
			const partRevenue = revenue[r] === 1 ? part : 0;
			if (productRows) tally.place(i, p, other, partRevenue, rating);
			else tally.place(i, other, p, partRevenue, rating);
		}
	}
}

function grow(a: Accs): Accs {
	const b = new Accs(a.n.length * 2);
	b.n.set(a.n);
	b.sum.set(a.sum);
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
