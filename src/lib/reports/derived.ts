/** Values derived from a records array, kept per array and patched after small edits. */

/** At most this many replaced records are patched; more, and values are rebuilt. */
export function patchLimit(length: number): number {
	return Math.max(16, length >> 3);
}

/**
 * The positions at which `records` holds other objects than `before` (an array of the same
 * length it replaced), ascending; null when more than `patchLimit` differ. Computed once per
 * pair of arrays, so everything derived from an array shares one pass over it.
 */
export function changedPositions<T>(before: readonly T[], records: readonly T[]): number[] | null {
	if (before.length !== records.length) return null;
	const known = diffs.find((d) => d.records === records && d.before === before);
	if (known) return known.changed;
	const limit = patchLimit(records.length);
	let changed: number[] | null = [];
	for (let i = 0; i < records.length; i++) {
		if (records[i] === before[i]) continue;
		changed.push(i);
		if (changed.length > limit) {
			changed = null;
			break;
		}
	}
	diffs.unshift({ before, records, changed });
	diffs.length = Math.min(diffs.length, 4);
	return changed;
}
/**
 * The last few pairs compared (one per collection that changed), so no chain of snapshots
 * is kept alive. (A WeakRef would not do: what it points to stays alive until the running
 * task ends, and a long synchronous run of reports would keep every snapshot.)
 */
const diffs: {
	before: readonly unknown[];
	records: readonly unknown[];
	changed: number[] | null;
}[] = [];

/**
 * A value derived from a records array (and a dependency), kept weakly per array. A new
 * array of the same length and dependency as the last one seen is diffed by record identity
 * (`changedPositions`): unchanged, the value is shared; a few records replaced, `patch`
 * makes the new value (sharing what it can; the previous value must stay valid). A longer
 * array whose first records are the last one's (a few replaced) keeps that value for them,
 * and `append` joins it with the value built for the records added after them.
 */
export class Derived<T, D, V> {
	private byArray = new WeakMap<readonly T[], { dep: D; value: V }>();
	private last: { records: readonly T[]; dep: D; value: V } | undefined;
	constructor(
		private readonly build: (records: readonly T[], dep: D) => V,
		private readonly patch?: (
			previous: V,
			records: readonly T[],
			dep: D,
			changed: readonly number[],
			before: readonly T[]
		) => V | undefined,
		private readonly append?: (head: V, tail: V) => V
	) {}

	/** The records array the last value was made for (the previous snapshot's, until `get`). */
	lastRecords(): readonly T[] | undefined {
		return this.last?.records;
	}

	/** The value of `records` from the last value, when it is `last.records` plus records after them. */
	private extend(
		last: { records: readonly T[]; dep: D; value: V },
		records: readonly T[],
		dep: D,
		append: (head: V, tail: V) => V
	): V | undefined {
		const n = last.records.length;
		const head = records.slice(0, n);
		const changed = changedPositions(last.records, head);
		if (!changed) return undefined;
		let value: V | undefined = last.value;
		if (changed.length > 0) value = this.patch?.(last.value, head, dep, changed, last.records);
		return value === undefined ? undefined : append(value, this.build(records.slice(n), dep));
	}

	get(records: readonly T[], dep: D): V {
		const hit = this.byArray.get(records);
		if (hit && hit.dep === dep) return hit.value;
		let value: V | undefined;
		const last = this.last;
		if (last && last.dep === dep && last.records.length === records.length) {
			const changed = changedPositions(last.records, records);
			if (changed && changed.length === 0) value = last.value;
			else if (changed && this.patch)
				value = this.patch(last.value, records, dep, changed, last.records);
		} else if (last && last.dep === dep && records.length > last.records.length && this.append) {
			value = this.extend(last, records, dep, this.append);
		}
		if (value === undefined) value = this.build(records, dep);
		this.byArray.set(records, { dep, value });
		this.last = { records, dep, value };
		return value;
	}
}

/** `head` followed by `tail`, in a new array of their type. */
export function joined<A extends Float64Array | Float32Array | Int32Array | Uint8Array>(
	head: A,
	tail: A
): A {
	const out = new (head.constructor as new (n: number) => A)(head.length + tail.length);
	out.set(head);
	out.set(tail, head.length);
	return out;
}

/**
 * `column` itself when writing `values` at `rows` would change nothing, else a patched copy
 * (the previous snapshot keeps the original). NaN counts as equal to NaN.
 */
export function patchedColumn<A extends Float64Array | Float32Array | Int32Array | Uint8Array>(
	column: A,
	rows: readonly number[],
	values: readonly number[]
): A {
	let copy: A | undefined;
	for (let k = 0; k < rows.length; k++) {
		const [old, v] = [column[rows[k]], values[k]];
		if (old === v || (old !== old && v !== v)) continue;
		copy ??= column.slice() as A;
		copy[rows[k]] = v;
	}
	return copy ?? column;
}

/**
 * Typed columns read from each record of an array (`read` fills position i from record
 * r), kept per array; after an edit of a few records, only the columns whose values
 * changed are copied and patched. `stored` may make them from the array's stored columns
 * instead (`stored-columns.ts`; undefined: read the records).
 */
export function columnReader<T, C extends Record<string, Float64Array | Int32Array | Uint8Array>>(
	make: (n: number) => C,
	read: (columns: C, i: number, r: T) => void,
	stored?: (records: readonly T[]) => C | undefined
): (records: readonly T[]) => C {
	const derived = new Derived<T, null, C>(
		(records) => {
			const fromStored = stored?.(records);
			if (fromStored) return fromStored;
			const columns = make(records.length);
			for (let i = 0; i < records.length; i++) read(columns, i, records[i]);
			return columns;
		},
		(previous, records, _, changed) => {
			// The changed records read into small columns of their own, then compared.
			const fresh = make(changed.length);
			changed.forEach((i, k) => read(fresh, k, records[i]));
			const columns = { ...previous };
			for (const key in columns) {
				columns[key] = patchedColumn(previous[key], changed, [...fresh[key]]) as C[typeof key];
			}
			return columns;
		},
		(head, tail) => {
			const columns = { ...head };
			for (const key in columns) columns[key] = joined(head[key], tail[key]) as C[typeof key];
			return columns;
		}
	);
	return (records) => derived.get(records, null);
}
