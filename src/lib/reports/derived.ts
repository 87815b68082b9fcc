/** Values derived from a records array, kept per array and patched after small edits. */

/**
 * A value derived from a records array (and a dependency), kept weakly per array. A new
 * array of the same length and dependency as the last one seen is diffed by record identity:
 * unchanged, the value is shared; a few records replaced, `patch` updates a copy.
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
		) => V | undefined
	) {}

	get(records: readonly T[], dep: D): V {
		const hit = this.byArray.get(records);
		if (hit && hit.dep === dep) return hit.value;
		let value: V | undefined;
		const last = this.last;
		if (last && last.dep === dep && last.records.length === records.length) {
			const changed: number[] = [];
			const before = last.records;
			const limit = Math.max(16, records.length >> 3);
			for (let i = 0; i < records.length && changed.length <= limit; i++) {
				if (records[i] !== before[i]) changed.push(i);
			}
			if (changed.length === 0) value = last.value;
			else if (this.patch && changed.length <= limit)
				value = this.patch(last.value, records, dep, changed, before);
		}
		if (value === undefined) value = this.build(records, dep);
		this.byArray.set(records, { dep, value });
		this.last = { records, dep, value };
		return value;
	}
}

/**
 * Typed columns read from each record of an array (`read` fills position i from record
 * r), kept per array; after an edit of a few records, a copy of the columns is patched.
 */
export function columnReader<T, C extends Record<string, Float64Array | Uint8Array>>(
	make: (n: number) => C,
	read: (columns: C, i: number, r: T) => void
): (records: readonly T[]) => C {
	const derived = new Derived<T, null, C>(
		(records) => {
			const columns = make(records.length);
			for (let i = 0; i < records.length; i++) read(columns, i, records[i]);
			return columns;
		},
		(previous, records, _, changed) => {
			const columns = { ...previous };
			for (const key in columns) columns[key] = columns[key].slice() as C[typeof key];
			for (const i of changed) read(columns, i, records[i]);
			return columns;
		}
	);
	return (records) => derived.get(records, null);
}
