/** Data quality: how complete each customer field is, likely duplicates, missing follow-ups. */
import type { Customer } from '../domain';
import type { Dataset } from './dataset';
import {
	DuplicateFinder,
	duplicateGroups,
	type DuplicateGroup,
	type DuplicatePositions
} from './duplicates';
import {
	applyFilter,
	customerCodes,
	customerCodeTables,
	scopeDataset,
	type ReportFilter
} from './filters';
import { customerIds, customerPositions, idOrder, rawRows, visitColumns } from './indexes';

export interface QualityParams {
	now: number;
	filter?: ReportFilter;
}

/** Customer fields whose completeness is measured, in form order. */
export const QUALITY_FIELDS = [
	'name',
	'gender',
	'birthday',
	'phones',
	'emails',
	'address',
	'company',
	'occupation',
	'interests',
	'source',
	'grade',
	'notes'
] as const;
export type QualityField = (typeof QUALITY_FIELDS)[number];

export interface Quality {
	customers: number;
	/** Share (0–1) of customers with a value; 0 for every field when there are none. */
	completeness: { field: QualityField; filled: number; share: number }[];
	duplicates: DuplicateGroup[];
	/** Leads and prospects with no visit planned and no follow-up set after `now`. */
	missingFollowUp: string[];
}

/** True when a field holds something: a non-blank string, a non-empty list, an address with text. */
export function hasValue(c: Customer, field: QualityField): boolean {
	return filledIn(fieldReaders[field](c));
}

function filledIn(v: unknown): boolean {
	if (v === undefined || v === null) return false;
	if (typeof v === 'string') return v !== '' && (startsVisible(v) || v.trim() !== '');
	if (Array.isArray(v)) return v.length > 0;
	return true;
}

/**
 * True when a string's first unit is none that trim removes: printable ASCII, or from
 * U+3001 on except U+FEFF (every other white space or line end lies below U+3001).
 */
function startsVisible(s: string): boolean {
	const ch = s.charCodeAt(0);
	return (ch > 0x20 && ch < 0x7f) || (ch > 0x3000 && ch !== 0xfeff);
}

/** Completeness counts (by QUALITY_FIELDS) and duplicate groups by position, per customers array. */
interface Figures {
	filled: number[];
	duplicates: DuplicatePositions;
}
const figuresOf = new WeakMap<readonly Customer[], Figures>();
/** Completeness and duplicates depend on the customers alone: one pass over the records. */
function customerFigures(
	customers: readonly Customer[]
): Pick<Quality, 'completeness' | 'duplicates'> {
	let figures = figuresOf.get(customers);
	if (!figures) {
		const filled = new Array<number>(QUALITY_FIELDS.length).fill(0);
		const finder = new DuplicateFinder(customers.length);
		for (let i = 0; i < customers.length; i++) {
			const c = customers[i];
			countFilled(filled, c);
			finder.add(i, c);
		}
		figures = { filled, duplicates: finder.groups(idOrder(customers).order) };
		figuresOf.set(customers, figures);
	}
	// New objects every time, so a caller changing a result never changes another snapshot's.
	const n = customers.length;
	return {
		completeness: figures.filled.map((filled, f) => ({
			field: QUALITY_FIELDS[f],
			filled,
			share: n ? filled / n : 0
		})),
		// Ids from the id table's compact copies: no record read per customer.
		duplicates: duplicateGroups(figures.duplicates, customerIds(customers))
	};
}

/** Adds one to `f` (by QUALITY_FIELDS) for each field the customer has filled in. */
function countFilled(f: number[], c: Customer): void {
	if (filledIn(c.name)) f[0]++;
	if (filledIn(c.gender)) f[1]++;
	if (filledIn(c.birthday)) f[2]++;
	if (filledIn(c.phones)) f[3]++;
	if (filledIn(c.emails)) f[4]++;
	if (filledIn(c.address?.text)) f[5]++;
	if (filledIn(c.company)) f[6]++;
	if (filledIn(c.occupation)) f[7]++;
	if (filledIn(c.interests)) f[8]++;
	if (filledIn(c.source)) f[9]++;
	if (filledIn(c.grade)) f[10]++;
	if (filledIn(c.notes)) f[11]++;
}

/** Each field's value (an address by its text), read by a property access of its own. */
const fieldReaders: Record<QualityField, (c: Customer) => unknown> = {
	name: (c) => c.name,
	gender: (c) => c.gender,
	birthday: (c) => c.birthday,
	phones: (c) => c.phones,
	emails: (c) => c.emails,
	address: (c) => c.address?.text,
	company: (c) => c.company,
	occupation: (c) => c.occupation,
	interests: (c) => c.interests,
	source: (c) => c.source,
	grade: (c) => c.grade,
	notes: (c) => c.notes
};

/** Over the customers the filter keeps (created in the date range when one is given). */
export function quality(data: Dataset, { now, filter = {} }: QualityParams): Quality {
	const d = scopeDataset(data, filter);
	const customers =
		filter.from === undefined && filter.to === undefined
			? d.customers
			: applyFilter(data, filter).customers;
	const n = customers.length;

	// Customers (by position in the scope) with a visit planned or a follow-up set after now.
	const planned = new Uint8Array(d.customers.length);
	const visitAt = customerPositions(d.visits)!;
	const { raw, row } = rawRows(d.visits);
	const { plannedAt, checkedIn, nextFollowUpAt } = visitColumns(raw);
	for (let i = 0; i < row.length; i++) {
		const r = row[i];
		// NaN (no value) is never after now.
		if ((plannedAt[r] > now && checkedIn[r] === 0) || nextFollowUpAt[r] > now) {
			planned[visitAt[i]] = 1;
		}
	}
	// Leads and prospects without one, marked by position in the scope, listed in id order.
	const at = customerPositions(customers)!;
	const lead = customerCodeTables.stage.names.indexOf('lead');
	const prospect = customerCodeTables.stage.names.indexOf('prospect');
	const { raw: rawCustomers, row: rows } = rawRows(customers);
	const stage = customerCodes(rawCustomers).stage;
	const missing = new Uint8Array(d.customers.length);
	for (let i = 0; i < rows.length; i++) {
		const s = stage[rows[i]];
		if ((s === lead || s === prospect) && !planned[at[i]]) missing[at[i]] = 1;
	}
	const order = idOrder(d.customers).order;
	const ids = customerIds(d.customers);
	const missingFollowUp: string[] = [];
	for (let r = 0; r < order.length; r++)
		if (missing[order[r]] === 1) missingFollowUp.push(ids[order[r]]);
	return {
		customers: n,
		...customerFigures(customers),
		missingFollowUp
	};
}
