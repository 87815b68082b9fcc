/**
 * `customerCodes` (filters.ts) of a customers array decoded from the worker's snapshot, read
 * from its stored columns: stage, grade, source and owner are coded once per distinct value
 * of their dictionaries, regions once per address text, and no customer record is read.
 */
import type { Customer } from '../domain';
import type { Codes, CustomerCodes } from './filters';
import { flags, storedFields, storedStrings, subField } from './stored-columns';
import type { Column } from './worker/snapshot-codec';

/**
 * Each row's code in `table` of the field's value, or of `fallback` where the row has none
 * (absent or null); codes are given in the order values first appear in the rows, as the
 * record reader gives them, each distinct value of a dictionary mapped (`map`) once. With
 * `rows` (the presence of a parent object, as of `address` for `address.text`), `col` holds
 * entries only for the rows with the object, and the others take the fallback. Undefined
 * unless the column holds only strings.
 */
function codesOf(
	col: Column | undefined,
	n: number,
	table: Codes,
	fallback: string | undefined,
	map: (value: string) => string = (v) => v,
	rows?: Uint8Array
): Int32Array | undefined {
	let entries = n;
	if (rows) {
		entries = 0;
		for (let r = 0; r < n; r++) if (rows[r] === 1) entries++;
	}
	if (col && col.n !== entries) return undefined;
	const str = col?.k === 'str' ? col : undefined;
	if (col && !str && col.k !== 'none') return undefined;
	const values = str ? storedStrings(str) : [];
	const p = str ? str.p : undefined;
	// Rows without a value need the fallback (a stage or owner has none: read the records).
	if (!values || (fallback === undefined && (!str || p || rows))) return undefined;
	const index = str?.i;
	const codeOf = new Int32Array(values.length).fill(-1);
	const out = new Int32Array(n);
	let none = -1;
	for (let r = 0, e = 0, j = 0; r < n; r++) {
		const has = (!rows || rows[r] === 1) && str !== undefined && (!p || p[e] === 1);
		if (!rows || rows[r] === 1) e++;
		if (!has) {
			if (none < 0) none = table.code(fallback!);
			out[r] = none;
			continue;
		}
		const k = index ? index[j] : j;
		j++;
		if (k >= values.length) return undefined;
		let code = codeOf[k];
		if (code < 0) codeOf[k] = code = table.code(map(values[k]));
		out[r] = code;
	}
	return out;
}

/** Each row's region (`regionOf`) code, from the stored `address` objects' `text`. */
function regionCodes(
	col: Column | undefined,
	n: number,
	table: Codes,
	regionOf: (c: Pick<Customer, 'address'>) => string
): Int32Array | undefined {
	const unknown = regionOf({});
	if (!col || col.k === 'none') return codesOf(undefined, n, table, unknown);
	if (col.k !== 'obj' || col.n !== n) return undefined;
	const region = (text: string) =>
		text ? regionOf({ address: { text } as Customer['address'] }) : unknown;
	return codesOf(subField(col, 'text'), n, table, unknown, region, col.p);
}

/**
 * The codes of a customers array from its stored columns, in the code tables given
 * (`customerCodeTables`); undefined when it has none or they are not the shapes read here.
 */
export function storedCustomerCodes(
	customers: readonly Customer[],
	tables: Record<'stage' | 'grade' | 'source' | 'region' | 'owner', Codes>,
	regionOf: (c: Pick<Customer, 'address'>) => string
): CustomerCodes | undefined {
	const fields = storedFields(customers);
	if (!fields) return undefined;
	const n = customers.length;
	const deleted = flags(fields.get('_deleted'), n);
	const stage = codesOf(fields.get('stage'), n, tables.stage, undefined);
	const grade = stage && codesOf(fields.get('grade'), n, tables.grade, 'none');
	const source = grade && codesOf(fields.get('source'), n, tables.source, 'none');
	const region = source && regionCodes(fields.get('address'), n, tables.region, regionOf);
	const owner = region && codesOf(fields.get('ownerId'), n, tables.owner, undefined);
	if (!deleted || !stage || !grade || !source || !region || !owner) return undefined;
	const live = new Uint8Array(n);
	for (let i = 0; i < n; i++) live[i] = deleted[i] === 1 ? 0 : 1;
	return { live, stage, grade, source, region, owner };
}
