/**
 * A compact, columnar form of a collection's records for the report worker's snapshot
 * (`snapshot-store.ts`): IndexedDB hands back a few typed arrays and long strings far
 * faster than hundreds of thousands of objects, and rebuilding the objects from columns
 * is a tight loop. Generic over JSON-shaped records: every field is kept, so any report
 * reads what it would read from RxDB (except RxDB's own `_meta`, `_rev`, `_attachments`).
 *
 * A column holds one field's values over a list of rows:
 * - `p`: presence per row (0 absent or undefined, 1 a value, 2 null), only when some row
 *   has no value; the other arrays then list the rows with a value only, in row order;
 * - `num` (`Float64Array`), `bool` (`Uint8Array`);
 * - `str`: the strings joined by U+0000 (`s`), or as an array (`a`) when one contains it;
 *   with `i` (indexes into those strings) when few distinct values repeat (a dictionary);
 * - `obj`: a column per key (over the rows with an object), `arr`: the lengths and one
 *   column of all elements; `json`: JSON text, for values of mixed types.
 *
 * Encoding is incremental (`ColumnEncoder.add` in chunks), so a worker can yield between
 * chunks and keep answering; decoding is one synchronous pass.
 */

export type Column = (
	| { k: 'num'; v: Float64Array }
	| { k: 'bool'; v: Uint8Array }
	| { k: 'str'; s?: string; a?: string[]; i?: Uint8Array | Uint16Array | Uint32Array }
	| { k: 'obj'; f: [string, Column][] }
	| { k: 'arr'; l: Uint32Array; e: Column }
	| { k: 'json'; s: string }
	| { k: 'none' }
) & { n: number; p?: Uint8Array };

type Kind = Column['k'];

const SEP = '\u0000';
/** RxDB's fields that no report reads. */
const SKIPPED = new Set(['_meta', '_rev', '_attachments']);

function kindOf(v: unknown): Kind {
	switch (typeof v) {
		case 'number':
			return 'num';
		case 'boolean':
			return 'bool';
		case 'string':
			return 'str';
		case 'object':
			return Array.isArray(v)
				? 'arr'
				: Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null
					? 'obj'
					: 'json';
		default:
			return 'json';
	}
}

/** Past this many distinct strings a column keeps no dictionary. */
const MAX_DICTIONARY = 0x10000;

/**
 * Collects one field's values row by row; `finish` makes the column. Objects and arrays
 * are split into their child columns as they are added, so the work is spread over `add`.
 */
export class ColumnEncoder {
	#codes: number[] = [];
	#values: unknown[] = [];
	#kind: Kind = 'none';
	#gaps = false;
	/** `obj`: a child per key, in the order keys were first seen. */
	#keys: Map<string, ColumnEncoder> | undefined;
	#objects = 0;
	/** `arr`: lengths and the elements. */
	#lengths: number[] | undefined;
	#elements: ColumnEncoder | undefined;
	/** `str`: the distinct strings while there are few. */
	#dictionary: Map<string, number> | undefined;
	#indexes: number[] | undefined;

	constructor(private readonly skip?: ReadonlySet<string>) {}

	add(v: unknown): void {
		if (v === undefined || v === null) {
			this.#codes.push(v === null ? 2 : 0);
			this.#gaps = true;
			return;
		}
		this.#codes.push(1);
		this.#values.push(v);
		const k = kindOf(v);
		if (this.#kind === 'none') this.#start(k);
		else if (this.#kind !== k) this.#kind = 'json';
		if (this.#kind === 'obj') this.#addObject(v as Record<string, unknown>);
		else if (this.#kind === 'arr') this.#addArray(v as unknown[]);
		else if (this.#kind === 'str') this.#addString(v as string);
	}

	#start(k: Kind): void {
		this.#kind = k;
		if (k === 'obj') this.#keys = new Map();
		if (k === 'arr') {
			this.#lengths = [];
			this.#elements = new ColumnEncoder();
		}
		if (k === 'str') {
			this.#dictionary = new Map();
			this.#indexes = [];
		}
	}

	#addObject(o: Record<string, unknown>): void {
		const keys = this.#keys!;
		for (const key in o) {
			if (keys.has(key) || this.skip?.has(key)) continue;
			const enc = new ColumnEncoder();
			for (let j = 0; j < this.#objects; j++) enc.add(undefined);
			keys.set(key, enc);
		}
		for (const [key, enc] of keys) enc.add(o[key]);
		this.#objects++;
	}

	#addArray(a: unknown[]): void {
		this.#lengths!.push(a.length);
		const e = this.#elements!;
		for (let j = 0; j < a.length; j++) e.add(a[j]);
	}

	#addString(s: string): void {
		const dictionary = this.#dictionary;
		if (!dictionary) return;
		let at = dictionary.get(s);
		if (at === undefined) {
			if (dictionary.size >= MAX_DICTIONARY) {
				this.#dictionary = this.#indexes = undefined;
				return;
			}
			dictionary.set(s, (at = dictionary.size));
		}
		this.#indexes!.push(at);
	}

	finish(): Column {
		const col = this.#body();
		col.n = this.#codes.length;
		if (this.#gaps) col.p = Uint8Array.from(this.#codes);
		return col;
	}

	#body(): Column {
		const values = this.#values;
		const n = values.length;
		switch (this.#kind) {
			case 'none':
				return { k: 'none', n };
			case 'num':
				return { k: 'num', n, v: Float64Array.from(values as number[]) };
			case 'bool':
				return { k: 'bool', n, v: Uint8Array.from(values as boolean[], (b) => (b ? 1 : 0)) };
			case 'str':
				return strColumn(values as string[], this.#dictionary, this.#indexes);
			case 'obj':
				return { k: 'obj', n, f: [...this.#keys!].map(([key, enc]) => [key, enc.finish()]) };
			case 'arr':
				return { k: 'arr', n, l: Uint32Array.from(this.#lengths!), e: this.#elements!.finish() };
			default:
				return { k: 'json', n, s: JSON.stringify(values) };
		}
	}
}

function strColumn(
	values: string[],
	dictionary: Map<string, number> | undefined,
	indexes: number[] | undefined
): Column {
	const n = values.length;
	// A dictionary pays whenever values repeat (a 1–2 byte index per row instead of the
	// text): with one distinct value in 1.25 rows or fewer. Rows then share one string per
	// value, and the reports look each distinct customer id up once (`stored-columns.ts`);
	// a service's customer id, one distinct value in two rows, was kept whole before.
	const useDictionary = dictionary && indexes && dictionary.size * 5 <= n * 4;
	const list = useDictionary ? [...dictionary.keys()] : values;
	const col: Column =
		list.length === 0 || list.some((s) => s.includes(SEP))
			? { k: 'str', n, a: list.slice() }
			: { k: 'str', n, s: list.join(SEP) };
	if (useDictionary) {
		col.i =
			dictionary.size <= 0x100
				? Uint8Array.from(indexes)
				: dictionary.size <= 0x10000
					? Uint16Array.from(indexes)
					: Uint32Array.from(indexes);
	}
	return col;
}

/** Reads a column's values row by row, in order. */
type Reader = () => unknown;

function corrupt(what: string): Error {
	return new Error(`Corrupt report snapshot: ${what}`);
}

/**
 * A reader over the `col.n` rows of a column. Sizes are checked as readers are made (every
 * part must hold exactly the values its rows need), so a corrupt column throws before any
 * record is built and a reader never runs past its arrays.
 */
function reader(col: Column): Reader {
	if (!Number.isInteger(col.n) || col.n < 0) throw corrupt('row count');
	const p = col.p;
	if (!p) return bodyReader(col, col.n);
	if (!(p instanceof Uint8Array) || p.length !== col.n) throw corrupt('presence');
	let rows = 0;
	for (let r = 0; r < p.length; r++) if (p[r] === 1) rows++;
	const values = bodyReader(col, rows);
	let r = 0;
	return () => {
		const code = p[r++];
		return code === 1 ? values() : code === 2 ? null : undefined;
	};
}

function bodyReader(col: Column, rows: number): Reader {
	switch (col.k) {
		case 'none':
			if (rows !== 0) throw corrupt('empty column with values');
			return () => undefined;
		case 'num': {
			const v = col.v;
			if (!(v instanceof Float64Array) || v.length !== rows) throw corrupt('numbers');
			let j = 0;
			return () => v[j++];
		}
		case 'bool': {
			const v = col.v;
			if (!(v instanceof Uint8Array) || v.length !== rows) throw corrupt('booleans');
			let j = 0;
			return () => v[j++] === 1;
		}
		case 'str': {
			const list = col.a ?? (typeof col.s === 'string' ? col.s.split(SEP) : undefined);
			if (!Array.isArray(list)) throw corrupt('strings');
			const idx = col.i;
			let j = 0;
			if (!idx) {
				if (list.length !== rows) throw corrupt('strings');
				return () => list[j++];
			}
			if (!ArrayBuffer.isView(idx) || idx.length !== rows) throw corrupt('string indexes');
			for (let x = 0; x < idx.length; x++) if (idx[x] >= list.length) throw corrupt('dictionary');
			return () => list[idx[j++]];
		}
		case 'obj': {
			if (!Array.isArray(col.f)) throw corrupt('object');
			const keys = col.f.map(([key]) => key);
			const readers = col.f.map(([, c]) => {
				if (c.n !== rows) throw corrupt('object field');
				return reader(c);
			});
			const width = keys.length;
			return () => {
				const o: Record<string, unknown> = {};
				for (let c = 0; c < width; c++) {
					const v = readers[c]();
					if (v !== undefined) o[keys[c]] = v;
				}
				return o;
			};
		}
		case 'arr': {
			const lengths = col.l;
			if (!(lengths instanceof Uint32Array) || lengths.length !== rows) throw corrupt('array');
			let total = 0;
			for (let j = 0; j < lengths.length; j++) total += lengths[j];
			if (col.e?.n !== total) throw corrupt('array elements');
			const e = reader(col.e);
			let j = 0;
			return () => {
				const len = lengths[j++];
				const a = new Array<unknown>(len);
				for (let x = 0; x < len; x++) a[x] = e();
				return a;
			};
		}
		case 'json': {
			const values = JSON.parse(col.s) as unknown;
			if (!Array.isArray(values) || values.length !== rows) throw corrupt('JSON values');
			let j = 0;
			return () => values[j++];
		}
		default:
			throw corrupt('unknown column');
	}
}

/** The values of a column, one per row (undefined where absent); throws if it is corrupt. */
export function decodeColumn(col: Column): unknown[] {
	const next = reader(col);
	const out = new Array<unknown>(col.n);
	for (let r = 0; r < col.n; r++) out[r] = next();
	return out;
}

/** Encodes records (plain objects) as one object column, RxDB's bookkeeping fields left out. */
export class RecordsEncoder {
	#enc = new ColumnEncoder(SKIPPED);

	/** Adds records in order; call in chunks and yield between them to stay responsive. */
	add(records: readonly object[], from = 0, to = records.length): void {
		for (let r = from; r < to; r++) this.#enc.add(records[r]);
	}

	finish(): Column {
		return this.#enc.finish();
	}
}

/** The records of an object column (as `RecordsEncoder` made it); throws if it is corrupt. */
export function decodeRecords<T>(col: Column): T[] {
	if (col.k === 'none' && col.n === 0) return [];
	if (col.k !== 'obj' || col.p) throw new Error('Corrupt snapshot: not a column of records');
	return decodeColumn(col) as T[];
}
