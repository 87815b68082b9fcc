/**
 * The columns a records array was decoded from, when it came from the report worker's
 * snapshot (`worker/snapshot-store.ts`): the reports' raw columns (`indexes.ts`) are then
 * read from these typed arrays and dictionaries instead of from every record object. On
 * 500,000 orders with 1,000,000 lines that is the difference between a pass over typed
 * arrays and the first touch of 1.5 million fresh objects (see docs/BENCHMARKS.md).
 *
 * Only the exact array that was decoded is remembered (weakly). An array made from it by
 * an edit, or by records added at its end (the worker's catch-up, a sync), is not:
 * `Derived` (derived.ts) patches and extends the values made from the stored columns,
 * reading only the records replaced or added.
 */
import type { Column } from './worker/snapshot-codec';

/**
 * The fields the reports' raw columns read, by collection (only these are kept: an order's
 * id column alone is 18 MB for 500,000 orders).
 */
const CHILD = ['_deleted', 'customerId'];
const READ_FIELDS: Record<string, ReadonlySet<string>> = {
	customers: new Set([
		'_deleted',
		'id',
		'createdAt',
		'stage',
		'grade',
		'source',
		'ownerId',
		'address'
	]),
	orders: new Set([...CHILD, 'date', 'amount', 'status', 'rating', 'items']),
	services: new Set([...CHILD, 'openedAt', 'resolvedAt', 'status', 'satisfaction']),
	visits: new Set([...CHILD, 'checkIn', 'plannedAt', 'nextFollowUpAt']),
	participations: new Set([...CHILD, 'campaignId', 'status'])
};

const stored = new WeakMap<readonly object[], Map<string, Column>>();

/**
 * Remembers that `records` (of `collection`) are the rows of `col` (an object column, as
 * `decodeRecords` read them), keeping only the fields the reports read. Anything else
 * (another collection, another shape) is ignored.
 */
export function rememberStoredColumns(
	collection: string,
	records: readonly object[],
	col: Column
): void {
	const read = READ_FIELDS[collection];
	if (!read || col.k !== 'obj' || col.p || col.n !== records.length) return;
	const fields = new Map<string, Column>();
	for (const [name, field] of col.f) if (read.has(name)) fields.set(name, field);
	stored.set(records, fields);
}

/**
 * The stored columns of `records`, by field (a field no row has is absent); undefined when
 * the array was not decoded from a snapshot.
 */
export function storedFields(records: readonly object[]): ReadonlyMap<string, Column> | undefined {
	return stored.get(records);
}

/** A field's numbers when every one of the `n` rows holds a number. */
export function denseNumbers(col: Column | undefined, n: number): Float64Array | undefined {
	if (!col || col.k !== 'num' || col.p || col.n !== n || col.v.length !== n) return undefined;
	return col.v;
}

/**
 * A field that is a number or absent on each of the `n` rows (none null): each row's value,
 * NaN where absent, and `absent` (1 where absent; undefined when every row has a value).
 * Undefined for any other column.
 */
export function optionalNumbers(
	col: Column | undefined,
	n: number
): { v: Float64Array; absent?: Uint8Array } | undefined {
	if (col && col.n !== n) return undefined;
	if (!col || col.k === 'none') {
		if (col?.p && col.p.some((c) => c !== 0)) return undefined;
		return { v: new Float64Array(n).fill(NaN), absent: new Uint8Array(n).fill(1) };
	}
	if (col.k !== 'num') return undefined;
	if (!col.p) return col.v.length === n ? { v: col.v } : undefined;
	const p = col.p;
	const v = new Float64Array(n);
	const absent = new Uint8Array(n);
	let j = 0;
	for (let r = 0; r < n; r++) {
		const code = p[r];
		if (code === 1) v[r] = col.v[j++];
		else if (code === 0) {
			v[r] = NaN;
			absent[r] = 1;
		} else return undefined;
	}
	return j === col.v.length ? { v, absent } : undefined;
}

/** The strings a string column stores (its dictionary, or one per row with a value). */
export function storedStrings(col: Extract<Column, { k: 'str' }>): string[] | undefined {
	return col.a ?? (typeof col.s === 'string' ? col.s.split('\u0000') : undefined);
}

/**
 * A field's strings when every one of the `n` rows holds one: the distinct values and each
 * row's index into them (a dictionary column), or each row's value (`index` undefined).
 */
export function denseStrings(
	col: Column | undefined,
	n: number
): { values: readonly string[]; index?: ArrayLike<number> } | undefined {
	if (!col || col.k !== 'str' || col.p || col.n !== n) return undefined;
	const values = storedStrings(col);
	if (!values) return undefined;
	if (col.i) return col.i.length === n ? { values, index: col.i } : undefined;
	return values.length === n ? { values } : undefined;
}

/** A boolean field that is true or absent/false on every row: 1 where true (undefined: other values). */
export function flags(col: Column | undefined, n: number): Uint8Array | undefined {
	if (!col) return new Uint8Array(n);
	if (col.n !== n) return undefined;
	if (col.k === 'none') return col.p && col.p.some((c) => c === 2) ? undefined : new Uint8Array(n);
	if (col.k !== 'bool') return undefined;
	if (!col.p) return col.v.length === n ? col.v : undefined;
	const out = new Uint8Array(n);
	let j = 0;
	for (let r = 0; r < n; r++) {
		if (col.p[r] === 1) out[r] = col.v[j++];
		else if (col.p[r] === 2) return undefined;
	}
	return out;
}

/**
 * Fills `out` with each row's value from `table`: `table[index[i]]` for a dictionary
 * column's rows, `table[i]` when there is no index (one value per row).
 */
export function spread<A extends Float64Array | Int32Array | Uint8Array>(
	out: A,
	table: ArrayLike<number>,
	index: ArrayLike<number> | undefined
): A {
	if (index) for (let i = 0; i < out.length; i++) out[i] = table[index[i]];
	else for (let i = 0; i < out.length; i++) out[i] = table[i];
	return out;
}

/** The field `name` of an object column (one entry per row that has an object). */
export function subField(col: Column, name: string): Column | undefined {
	if (col.k !== 'obj') return undefined;
	for (const [key, field] of col.f) if (key === name) return field;
	return undefined;
}
