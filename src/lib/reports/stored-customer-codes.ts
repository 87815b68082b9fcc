/**
 * `customerCodes` (filters.ts) of a customers array decoded from the worker's snapshot, read
 * from its stored columns: stage, grade, source and owner are coded once per distinct value
 * of their dictionaries, regions once per address text, and no customer record is read.
 */
import type { Customer } from '../domain';
import type { Codes, CustomerCodes } from './filters';
import { flags, storedFields, subField } from './stored-columns';
import type { Column } from './worker/snapshot-codec';

/**
 * Each row's code in `table` of the field's value, or of `fallback` where the row has none
 * (absent or null); codes are given in the order values first appear in the rows, as the
 * record reader gives them. Undefined unless the column holds only strings.
 */
function codesOf(
	col: Column | undefined,
	n: number,
	table: Codes,
	fallback: string | undefined,
	map: (value: string) => string = (v) => v
): Int32Array | undefined {
	const out = new Int32Array(n);
	if (!col || col.k === 'none') {
		if (fallback === undefined || (col && col.n !== n)) return undefined;
		return out.fill(n > 0 ? table.code(fallback) : 0);
	}
	if (col.k !== 'str' || col.n !== n) return undefined;
	const values = col.a ?? (typeof col.s === 'string' ? col.s.split('\u0000') : undefined);
	if (!values) return undefined;
	const p = col.p;
	if (p && fallback === undefined) return undefined;
	const index = col.i;
	const codeOf = new Int32Array(values.length).fill(-1);
	let none = -1;
	for (let r = 0, j = 0; r < n; r++) {
		if (p && p[r] !== 1) {
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

/**
 * Each row's region (`regionOf`) code, from the stored `address` objects' `text`: each
 * distinct text's region found once, codes given in the order rows first meet them.
 */
function regionCodes(
	col: Column | undefined,
	n: number,
	table: Codes,
	regionOf: (c: Pick<Customer, 'address'>) => string
): Int32Array | undefined {
	const unknown = regionOf({});
	if (!col || col.k === 'none') return codesOf(col, n, table, unknown);
	if (col.k !== 'obj' || col.n !== n) return undefined;
	const addresses = col.p ? col.p.reduce((s, c) => s + (c === 1 ? 1 : 0), 0) : n;
	const text = subField(col, 'text');
	if (text && text.k !== 'none' && text.k !== 'str') return undefined;
	if (text && text.n !== addresses) return undefined;
	const values =
		text?.k === 'str'
			? (text.a ?? (typeof text.s === 'string' ? text.s.split('\u0000') : undefined))
			: [];
	if (!values) return undefined;
	const index = text?.k === 'str' ? text.i : undefined;
	const hasText = text?.k === 'str' ? text.p : undefined;
	const codeOf = new Int32Array(values.length).fill(-1);
	const out = new Int32Array(n);
	let none = -1;
	for (let r = 0, a = 0, j = 0; r < n; r++) {
		// No address object, or one without text (absent, null): the unknown region.
		const withText =
			(!col.p || col.p[r] === 1) && text?.k === 'str' && (!hasText || hasText[a] === 1);
		if (!col.p || col.p[r] === 1) a++;
		if (!withText) {
			if (none < 0) none = table.code(unknown);
			out[r] = none;
			continue;
		}
		const k = index ? index[j] : j;
		j++;
		if (k >= values.length) return undefined;
		let code = codeOf[k];
		if (code < 0) {
			const t = values[k];
			codeOf[k] = code = table.code(
				t ? regionOf({ address: { text: t } as Customer['address'] }) : unknown
			);
		}
		out[r] = code;
	}
	return out;
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
