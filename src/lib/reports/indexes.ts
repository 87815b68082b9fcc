/**
 * Work several reports share, done once per records array and kept weakly per array object
 * (arrays of a dataset are snapshots: never change one, or a record in it, in place).
 *
 * Two levels:
 * - **raw columns**, per collection array as it arrives (`Dataset`): each child's customer
 *   (its position in `customers`), each order's day, revenue flag and product codes. When a
 *   new array of the same length arrives for the same role (a snapshot after an edit), only
 *   the records that are not the same objects as in the previous array are recomputed.
 * - **scoped arrays** (filters.ts): for each record of a scoped collection, the position of
 *   its customer in the scope's `customers` and the record's position in the raw array, so
 *   reports index typed arrays instead of looking customers up by id.
 */
import {
	createdAtOf,
	type Customer,
	type Order,
	type Participation,
	type Service,
	type Visit
} from '../domain';
import {
	dayKey,
	dayStart,
	dayStartOfKey,
	isRevenue,
	NO_RATING,
	OTHER_RATING,
	ratingCode
} from './dataset';
import { columnReader, Derived, joined, patchedColumn } from './derived';
import { IdTable, StringTable } from './id-table';
import {
	denseNumbers,
	denseStrings,
	flags,
	optionalNumbers,
	spread,
	storedFields,
	subField
} from './stored-columns';

function memo<K extends object, V>(
	make: (key: K) => V,
	cache = new WeakMap<K, V>()
): (key: K) => V {
	return (key) => {
		let v = cache.get(key);
		if (v === undefined) cache.set(key, (v = make(key)));
		return v;
	};
}

/**
 * A scoped array that scoping made from the previous one of its kind by replacing a few
 * records (filters.ts): that array, and the positions replaced, ascending. Both arrays
 * share their customer positions and origin rows.
 */
export interface Lineage {
	before: readonly object[];
	changed: readonly number[];
}
const lineages = new WeakMap<readonly object[], Lineage>();
/**
 * Remembers that `records` was made from `before`; `before` forgets its own origin, so an
 * array keeps at most one earlier array alive, never a chain of snapshots.
 */
export function rememberLineage(
	records: readonly object[],
	before: readonly object[],
	changed: readonly number[]
): void {
	lineages.delete(before);
	lineages.set(records, { before, changed });
}
/** How a scoped array was made from an earlier one; undefined when it was built afresh. */
export function lineageOf(records: readonly object[]): Lineage | undefined {
	return lineages.get(records);
}

/**
 * `memo` whose value for a scoped array made from an earlier one (`lineageOf`) is patched
 * from that array's value when it has one (`patch` answers undefined to rebuild).
 */
function patchableMemo<T extends object, V>(
	make: (records: readonly T[]) => V,
	patch: (previous: V, records: readonly T[], lineage: Lineage) => V | undefined
): (records: readonly T[]) => V {
	const cache = new WeakMap<readonly T[], V>();
	return (records) => {
		let v = cache.get(records);
		if (v !== undefined) return v;
		const lineage = lineageOf(records);
		const previous = lineage && cache.get(lineage.before as readonly T[]);
		if (previous !== undefined) v = patch(previous, records, lineage!);
		if (v === undefined) v = make(records);
		cache.set(records, v);
		return v;
	};
}

// ---------------------------------------------------------------------------------------
// Raw columns

/** Live customers' positions in a customers array, by id. */
export interface CustomerIndex {
	readonly byId: IdTable;
}

function indexCustomers(customers: readonly Customer[]): CustomerIndex {
	const fields = storedFields(customers);
	const storedIds = fields && denseStrings(fields.get('id'), customers.length);
	const deleted = fields && flags(fields.get('_deleted'), customers.length);
	if (storedIds && !storedIds.index && deleted) {
		return { byId: new IdTable(storedIds.values, (i) => deleted[i] === 0) };
	}
	const ids: string[] = new Array(customers.length);
	const live = new Uint8Array(customers.length);
	for (let i = 0; i < customers.length; i++) {
		const c = customers[i];
		ids[i] = c.id;
		live[i] = c._deleted === true ? 0 : 1;
	}
	return { byId: new IdTable(ids, (i) => live[i] === 1) };
}

/**
 * The index of a customers array. After an edit that kept every customer's id, position
 * and liveness (a name changed), the previous index object is shared, so links of children
 * to customers stay valid.
 */
const customerIndexes = new Derived<Customer, null, CustomerIndex>(
	indexCustomers,
	(previous, records, _, changed, before) => {
		for (const i of changed) {
			const [a, b] = [before[i], records[i]];
			if (a.id !== b.id || (a._deleted === true) !== (b._deleted === true)) return undefined;
		}
		return previous;
	}
);
export function customerIndex(customers: readonly Customer[]): CustomerIndex {
	return customerIndexes.get(customers, null);
}

type Child = { customerId: string; _deleted?: boolean };
function linkOf(r: Child, byId: IdTable): number {
	return r._deleted === true ? -1 : byId.get(r.customerId);
}
function linkDerived() {
	return new Derived<Child, CustomerIndex, Int32Array>(
		(records, index) => {
			const stored = storedLinks(records, index.byId);
			if (stored) return stored;
			const out = new Int32Array(records.length);
			for (let i = 0; i < records.length; i++) out[i] = linkOf(records[i], index.byId);
			return out;
		},
		(previous, records, index, changed) =>
			patchedColumn(
				previous,
				changed,
				changed.map((i) => linkOf(records[i], index.byId))
			),
		joined
	);
}
/**
 * `linkOf` for every record of an array decoded from the worker's snapshot whose customer
 * ids are stored in a dictionary (orders: one distinct id in ten), each distinct id looked
 * up once; undefined otherwise.
 */
function storedLinks(records: readonly Child[], byId: IdTable): Int32Array | undefined {
	const fields = storedFields(records);
	if (!fields) return undefined;
	const n = records.length;
	const deleted = flags(fields.get('_deleted'), n);
	const ids = denseStrings(fields.get('customerId'), n);
	// Ids kept whole (no dictionary: most differ) are read from the records: making 100,000
	// strings of the column costs as much as reading them there.
	if (!deleted || !ids?.index) return undefined;
	const { values, index } = ids;
	const at = new Int32Array(values.length);
	for (let k = 0; k < values.length; k++) at[k] = byId.get(values[k]);
	const out = new Int32Array(n);
	for (let i = 0; i < n; i++) out[i] = deleted[i] === 1 ? -1 : at[index[i]];
	return out;
}

/** One per child collection, so each keeps its own previous array to diff against. */
const links = {
	orders: linkDerived(),
	services: linkDerived(),
	visits: linkDerived(),
	participations: linkDerived()
};
export type ChildRole = keyof typeof links;

/**
 * For each record of a child collection, the position in `customers` of its live customer;
 * -1 for a tombstone or a record whose customer is deleted or absent.
 */
/** The records array a child collection's links were last made for (before the next call). */
export function lastLinked(role: ChildRole): readonly object[] | undefined {
	return links[role].lastRecords();
}

export function customerLinks(
	role: ChildRole,
	records: readonly Child[],
	customers: readonly Customer[]
): Int32Array {
	return links[role].get(records, customerIndex(customers));
}

/** Product names by code, shared by every orders array (codes only grow). */
const productCodes = new Map<string, number>();
export const productNames: string[] = [];
function productCode(name: string): number {
	let code = productCodes.get(name);
	if (code === undefined) {
		productCodes.set(name, (code = productNames.length));
		productNames.push(name);
	}
	return code;
}

/** Months (`YYYY-MM`, the first 7 characters of an order's date) by code, shared. */
export const monthNames: string[] = [];
const monthIndex = new Map<string, number>();
const monthByNumber = new Map<number, number>();

/** The code (`monthNames`) of the first 7 characters of a date. */
export function monthCode(date: string): number {
	// `YYYY-MM…` by its digits, without making a string; anything else by its first 7 characters.
	let n = 0;
	for (let i = 0; i < 7 && n >= 0; i++) {
		const ch = date.charCodeAt(i);
		if (i === 4) n = ch === 45 ? n : -1;
		else n = ch >= 48 && ch <= 57 ? n * 10 + ch - 48 : -1;
	}
	let code = n >= 0 ? monthByNumber.get(n) : undefined;
	if (code === undefined) {
		const key = date.slice(0, 7);
		code = monthIndex.get(key);
		if (code === undefined) {
			monthIndex.set(key, (code = monthNames.length));
			monthNames.push(key);
		}
		if (n >= 0) monthByNumber.set(n, code);
	}
	return code;
}

/** Month codes by a date's `dayKey` month (year × 12 + month), −1 until met. */
const monthCodesByKey = new Int32Array(300 * 12).fill(-1);
/** `monthCode(date)` for a date whose `dayKey` is `key` (≥ 0). */
function monthCodeOfKey(key: number, date: string): number {
	const y = Math.floor(key / 372);
	const at = y * 12 + Math.floor((key - y * 372) / 31);
	let code = monthCodesByKey[at];
	if (code < 0) monthCodesByKey[at] = code = monthCode(date);
	return code;
}

/** An orders array read once: each order's day, month, revenue flag and lines (by position). */
export interface OrderColumns {
	/** `dayStart(order.date)`. */
	day: Float64Array;
	/** `monthCode(order.date)`. */
	month: Int32Array;
	/** `order.amount`. */
	amount: Float64Array;
	/** 1 for a revenue order (REVENUE_STATUSES). */
	revenue: Uint8Array;
	/** `ratingCode(order.rating)`: 0 none, 1–5, or 6 (another value: read the order). */
	rating: Uint8Array;
	/** Order i's lines are itemStart[i] … itemStart[i + 1] − 1. */
	itemStart: Int32Array;
	/**
	 * Each line's product code (`productNames`), quantity (NaN when a 32-bit float cannot
	 * hold it exactly: read the line; see `lineQuantity`), and quantity × unitPrice.
	 */
	itemProduct: Int32Array;
	itemQuantity: Float32Array;
	itemValue: Float64Array;
}

function readOrders(orders: readonly Order[]): OrderColumns {
	const stored = storedOrders(orders);
	if (stored) return stored;
	const n = orders.length;
	const day = new Float64Array(n);
	const month = new Int32Array(n);
	const amount = new Float64Array(n);
	const revenue = new Uint8Array(n);
	const rating = new Uint8Array(n);
	const itemStart = new Int32Array(n + 1);
	let lines = 0;
	for (let i = 0; i < n; i++) {
		const o = orders[i];
		const key = dayKey(o.date);
		if (key >= 0) {
			day[i] = dayStartOfKey(key);
			month[i] = monthCodeOfKey(key, o.date);
		} else {
			day[i] = dayStart(o.date);
			month[i] = monthCode(o.date);
		}
		amount[i] = o.amount;
		revenue[i] = isRevenue(o) ? 1 : 0;
		rating[i] = ratingCode(o.rating);
		itemStart[i] = lines;
		lines += o.items.length;
	}
	itemStart[n] = lines;
	const itemProduct = new Int32Array(lines);
	const itemQuantity = new Float32Array(lines);
	const itemValue = new Float64Array(lines);
	for (let i = 0; i < n; i++) {
		const items = orders[i].items;
		for (let k = 0, at = itemStart[i]; k < items.length; k++, at++) {
			itemProduct[at] = productCode(items[k].product);
			itemQuantity[at] = quantityCode(items[k].quantity);
			itemValue[at] = items[k].quantity * items[k].unitPrice;
		}
	}
	return { day, month, amount, revenue, rating, itemStart, itemProduct, itemQuantity, itemValue };
}

/**
 * `readOrders` of an orders array decoded from the worker's snapshot, from its stored
 * columns: dates, statuses and products are read once per distinct value of their
 * dictionaries; undefined when the columns are not the plain shape read here.
 */
function storedOrders(orders: readonly Order[]): OrderColumns | undefined {
	const fields = storedFields(orders);
	if (!fields) return undefined;
	const n = orders.length;
	const dates = denseStrings(fields.get('date'), n);
	const statuses = denseStrings(fields.get('status'), n);
	const amount = denseNumbers(fields.get('amount'), n);
	const ratings = optionalNumbers(fields.get('rating'), n);
	const items = fields.get('items');
	if (!dates || !statuses || !amount || !ratings || !items || items.k !== 'arr' || items.p)
		return undefined;
	if (items.n !== n || items.l.length !== n) return undefined;
	const lines = items.e.n;
	const products = lines === 0 ? { values: [] } : denseStrings(subField(items.e, 'product'), lines);
	const quantities =
		lines === 0 ? new Float64Array(0) : denseNumbers(subField(items.e, 'quantity'), lines);
	const prices =
		lines === 0 ? new Float64Array(0) : denseNumbers(subField(items.e, 'unitPrice'), lines);
	if (!products || !quantities || !prices || (lines > 0 && items.e.p)) return undefined;

	const day = new Float64Array(n);
	const month = new Int32Array(n);
	const dayOf = (date: string): [number, number] => {
		const key = dayKey(date);
		return key >= 0
			? [dayStartOfKey(key), monthCodeOfKey(key, date)]
			: [dayStart(date), monthCode(date)];
	};
	// Each distinct date once (a dictionary), then by row.
	const days = new Float64Array(dates.values.length);
	const months = new Int32Array(dates.values.length);
	dates.values.forEach((date, k) => ([days[k], months[k]] = dayOf(date)));
	spread(day, days, dates.index);
	spread(month, months, dates.index);
	const revenue = spread(
		new Uint8Array(n),
		statuses.values.map((status) => (isRevenue({ status } as Order) ? 1 : 0)),
		statuses.index
	);
	const rating = ratingCodes(ratings);

	const itemStart = new Int32Array(n + 1);
	for (let i = 0, at = 0; i < n; i++) itemStart[i + 1] = at += items.l[i];
	if (itemStart[n] !== lines) return undefined;
	const itemProduct = new Int32Array(lines);
	const itemQuantity = new Float32Array(lines);
	const itemValue = new Float64Array(lines);
	spread(itemProduct, products.values.map(productCode), products.index);
	for (let l = 0; l < lines; l++) {
		itemQuantity[l] = quantityCode(quantities[l]);
		itemValue[l] = quantities[l] * prices[l];
	}
	return { day, month, amount, revenue, rating, itemStart, itemProduct, itemQuantity, itemValue };
}

/** `ratingCode` of each row of a stored optional number (`optionalNumbers`). */
function ratingCodes({ v, absent }: { v: Float64Array; absent?: Uint8Array }): Uint8Array {
	const codes = new Uint8Array(v.length);
	if (absent)
		for (let i = 0; i < v.length; i++) codes[i] = absent[i] === 1 ? NO_RATING : ratingCode(v[i]);
	else for (let i = 0; i < v.length; i++) codes[i] = ratingCode(v[i]);
	return codes;
}

/** A quantity as a 32-bit float when that is exact (whole numbers, halves…), else NaN. */
function quantityCode(q: number): number {
	const f = Math.fround(q);
	return f === q ? f : NaN;
}

/** Line l's quantity (of order `row` of the raw array), as a Float64Array would hold it. */
export function lineQuantity(
	lines: OrderLines,
	raw: readonly Order[],
	row: number,
	l: number
): number {
	const q = lines.quantity[l];
	return q === q ? q : Number(raw[row].items[l - lines.start[row]].quantity);
}

/** An order's rating (`rating` as on the record), from its code. */
export function orderRating(code: number, raw: readonly Order[], row: number): number | undefined {
	return code === NO_RATING ? undefined : code === OTHER_RATING ? raw[row].rating : code;
}

const orderColumnsOf = new Derived<Order, null, OrderColumns>(
	(orders) => readOrders(orders),
	(previous, orders, _, changed) => {
		const { itemStart } = previous;
		// Lines are laid out by position: only a same-size replacement patches in place.
		for (const i of changed) {
			if (orders[i].items.length !== itemStart[i + 1] - itemStart[i]) return undefined;
		}
		// Only the columns whose values changed are copied (an edit of a status copies 0.5 MB).
		const rows = changed as number[];
		const read = (f: (o: Order) => number) => rows.map((i) => f(orders[i]));
		const lines: number[] = [];
		const product: number[] = [];
		const quantity: number[] = [];
		const value: number[] = [];
		for (const i of rows) {
			const items = orders[i].items;
			for (let k = 0, at = itemStart[i]; k < items.length; k++, at++) {
				lines.push(at);
				product.push(productCode(items[k].product));
				quantity.push(quantityCode(items[k].quantity));
				value.push(items[k].quantity * items[k].unitPrice);
			}
		}
		return {
			day: patchedColumn(
				previous.day,
				rows,
				read((o) => dayStart(o.date))
			),
			month: patchedColumn(
				previous.month,
				rows,
				read((o) => monthCode(o.date))
			),
			amount: patchedColumn(
				previous.amount,
				rows,
				read((o) => o.amount)
			),
			revenue: patchedColumn(
				previous.revenue,
				rows,
				read((o) => (isRevenue(o) ? 1 : 0))
			),
			rating: patchedColumn(
				previous.rating,
				rows,
				read((o) => ratingCode(o.rating))
			),
			itemStart,
			itemProduct: patchedColumn(previous.itemProduct, lines, product),
			itemQuantity: patchedColumn(previous.itemQuantity, lines, quantity),
			itemValue: patchedColumn(previous.itemValue, lines, value)
		};
	},
	(head, tail) => {
		// The added orders' lines follow the earlier ones'.
		const n = head.itemStart.length - 1;
		const itemStart = new Int32Array(n + tail.itemStart.length);
		itemStart.set(head.itemStart);
		for (let i = 1; i < tail.itemStart.length; i++)
			itemStart[n + i] = head.itemStart[n] + tail.itemStart[i];
		return {
			day: joined(head.day, tail.day),
			month: joined(head.month, tail.month),
			amount: joined(head.amount, tail.amount),
			revenue: joined(head.revenue, tail.revenue),
			rating: joined(head.rating, tail.rating),
			itemStart,
			itemProduct: joined(head.itemProduct, tail.itemProduct),
			itemQuantity: joined(head.itemQuantity, tail.itemQuantity),
			itemValue: joined(head.itemValue, tail.itemValue)
		};
	}
);

/** The columns of a raw (as in the dataset) orders array. */
export function orderColumns(orders: readonly Order[]): OrderColumns {
	return orderColumnsOf.get(orders, null);
}

/** A customers array read once (by position). */
export interface CustomerColumns extends Record<string, Float64Array> {
	/** `createdAtOf(customer)`. */
	createdAt: Float64Array;
}
/** The columns of a raw customers array. */
export const customerColumns = columnReader<Customer, CustomerColumns>(
	(n) => ({ createdAt: new Float64Array(n) }),
	(cols, i, c) => {
		cols.createdAt[i] = createdAtOf(c);
	},
	// `createdAt` where stored; the record, for the few without one (read from id or updatedAt).
	(customers) => {
		const fields = storedFields(customers);
		const stored = fields && optionalNumbers(fields.get('createdAt'), customers.length);
		if (!stored) return undefined;
		const createdAt = stored.v;
		if (stored.absent)
			for (let i = 0; i < createdAt.length; i++)
				if (stored.absent[i] === 1) createdAt[i] = createdAtOf(customers[i]);
		return { createdAt };
	}
);

/** A services array read once (by position); NaN where a record has no value. */
export interface ServiceColumns extends Record<string, Float64Array | Uint8Array> {
	openedAt: Float64Array;
	resolvedAt: Float64Array;
	/** 1 for an open or in-progress case. */
	open: Uint8Array;
	/** 1 for a resolved or closed case. */
	done: Uint8Array;
	/** `ratingCode(service.satisfaction)`. */
	satisfaction: Uint8Array;
}
/** The columns of a raw services array. */
export const serviceColumns = columnReader<Service, ServiceColumns>(
	(n) => ({
		openedAt: new Float64Array(n),
		resolvedAt: new Float64Array(n),
		open: new Uint8Array(n),
		done: new Uint8Array(n),
		satisfaction: new Uint8Array(n)
	}),
	(cols, i, s) => {
		cols.openedAt[i] = s.openedAt;
		cols.resolvedAt[i] = s.resolvedAt ?? NaN;
		cols.open[i] = s.status === 'open' || s.status === 'in_progress' ? 1 : 0;
		cols.done[i] = s.status === 'resolved' || s.status === 'closed' ? 1 : 0;
		cols.satisfaction[i] = ratingCode(s.satisfaction);
	},
	(services) => {
		const fields = storedFields(services);
		if (!fields) return undefined;
		const n = services.length;
		const openedAt = optionalNumbers(fields.get('openedAt'), n);
		const resolvedAt = optionalNumbers(fields.get('resolvedAt'), n);
		const satisfaction = optionalNumbers(fields.get('satisfaction'), n);
		const status = denseStrings(fields.get('status'), n);
		if (!openedAt || !resolvedAt || !satisfaction || !status) return undefined;
		const open = spread(
			new Uint8Array(n),
			status.values.map((s) => (s === 'open' || s === 'in_progress' ? 1 : 0)),
			status.index
		);
		const done = spread(
			new Uint8Array(n),
			status.values.map((s) => (s === 'resolved' || s === 'closed' ? 1 : 0)),
			status.index
		);
		const codes = ratingCodes(satisfaction);
		return {
			openedAt: openedAt.v,
			resolvedAt: resolvedAt.v,
			open,
			done,
			satisfaction: codes
		};
	}
);

/** A visits array read once (by position); NaN where a record has no value. */
export interface VisitColumns extends Record<string, Float64Array | Uint8Array> {
	/** 1 when the visit has a check-in. */
	checkedIn: Uint8Array;
	checkInAt: Float64Array;
	plannedAt: Float64Array;
	/** When it happened (`visitTime`): the check-in, else the planned time. */
	time: Float64Array;
	nextFollowUpAt: Float64Array;
}
/** The columns of a raw visits array. */
export const visitColumns = columnReader<Visit, VisitColumns>(
	(n) => ({
		checkedIn: new Uint8Array(n),
		checkInAt: new Float64Array(n),
		plannedAt: new Float64Array(n),
		time: new Float64Array(n),
		nextFollowUpAt: new Float64Array(n)
	}),
	(cols, i, v) => {
		const checkIn = v.checkIn;
		cols.checkedIn[i] = checkIn ? 1 : 0;
		cols.checkInAt[i] = checkIn?.at ?? NaN;
		cols.plannedAt[i] = v.plannedAt ?? NaN;
		cols.time[i] = checkIn?.at ?? v.plannedAt ?? NaN;
		cols.nextFollowUpAt[i] = v.nextFollowUpAt ?? NaN;
	},
	(visits) => {
		const fields = storedFields(visits);
		if (!fields) return undefined;
		const n = visits.length;
		const plannedAt = optionalNumbers(fields.get('plannedAt'), n);
		const nextFollowUpAt = optionalNumbers(fields.get('nextFollowUpAt'), n);
		const checkIns = fields.get('checkIn');
		if (!plannedAt || !nextFollowUpAt) return undefined;
		// Rows with a check-in object (presence 1), and its `at` over those rows.
		const checkedIn = new Uint8Array(n);
		let withCheckIn = n;
		if (checkIns) {
			if (checkIns.k !== 'obj' || checkIns.n !== n) return undefined;
			if (checkIns.p) {
				withCheckIn = 0;
				for (let i = 0; i < n; i++) {
					const code = checkIns.p[i];
					if (code === 2) return undefined;
					checkedIn[i] = code;
					withCheckIn += code;
				}
			} else checkedIn.fill(1);
		} else withCheckIn = 0;
		const at = checkIns
			? optionalNumbers(subField(checkIns, 'at'), withCheckIn)
			: { v: new Float64Array(0), absent: new Uint8Array(0) };
		if (!at) return undefined;
		const checkInAt = new Float64Array(n);
		const time = new Float64Array(n);
		for (let i = 0, j = 0; i < n; i++) {
			const has = checkedIn[i] === 1 && at.absent?.[j] !== 1;
			const t = checkedIn[i] === 1 ? at.v[j++] : NaN;
			checkInAt[i] = has ? t : NaN;
			time[i] = has ? t : plannedAt.absent?.[i] === 1 ? NaN : plannedAt.v[i];
		}
		return { checkedIn, checkInAt, plannedAt: plannedAt.v, time, nextFollowUpAt: nextFollowUpAt.v };
	}
);

/** Campaign ids by code, shared by every participations array (codes only grow). */
const campaignCodes = new StringTable();
let campaignCodeCount = 0;
/** The code of a campaign id (added when new); −1 for a value that is not a string. */
function campaignCodeOf(id: unknown): number {
	if (typeof id !== 'string') return -1;
	let code = campaignCodes.get(id);
	if (code < 0) campaignCodes.add(id, (code = campaignCodeCount++));
	return code;
}
/**
 * The codes `participationColumns` gave these campaign ids, by position (−1: no
 * participation read so far names it, so read the participations first); null when an
 * id is not a string (compare ids one by one then).
 */
export function campaignCodesOf(ids: readonly unknown[]): Int32Array | null {
	const out = new Int32Array(ids.length);
	for (let x = 0; x < ids.length; x++) {
		const id = ids[x];
		if (typeof id !== 'string') return null;
		out[x] = campaignCodes.get(id);
	}
	return out;
}

/** A participations array read once (by position). */
export interface ParticipationColumns extends Record<string, Int32Array | Uint8Array> {
	/** The campaign id's code (`campaignCodesOf`), −1 when it is not a string. */
	campaign: Int32Array;
	/** 1 invited, 2 joined, 3 converted, 0 any other value. */
	status: Uint8Array;
}
/** The columns of a raw participations array. */
export const participationColumns = columnReader<Participation, ParticipationColumns>(
	(n) => ({ campaign: new Int32Array(n), status: new Uint8Array(n) }),
	(cols, i, p) => {
		cols.campaign[i] = campaignCodeOf(p.campaignId);
		const s = p.status;
		cols.status[i] = statusRank(s);
	},
	(participations) => {
		const fields = storedFields(participations);
		if (!fields) return undefined;
		const n = participations.length;
		const campaigns = denseStrings(fields.get('campaignId'), n);
		const statuses = denseStrings(fields.get('status'), n);
		if (!campaigns || !statuses) return undefined;
		return {
			campaign: spread(new Int32Array(n), campaigns.values.map(campaignCodeOf), campaigns.index),
			status: spread(new Uint8Array(n), statuses.values.map(statusRank), statuses.index)
		};
	}
);

/** A participation's status as 1 invited, 2 joined, 3 converted, 0 any other value. */
function statusRank(s: unknown): number {
	return s === 'invited' ? 1 : s === 'joined' ? 2 : s === 'converted' ? 3 : 0;
}

// ---------------------------------------------------------------------------------------
// Scoped arrays

/** Where a scoped array's records come from: the raw array and each record's position in it. */
export interface Origin {
	raw: readonly object[];
	at: Int32Array;
}

const positions = new WeakMap<readonly object[], Int32Array>();
const origins = new WeakMap<readonly object[], Origin>();
const days = new WeakMap<readonly Order[], Float64Array>();

/**
 * Records the position, in the scope's `customers`, of each record's customer (filters.ts
 * does, while it scopes a dataset), and where each record sits in the raw array.
 */
export function rememberPositions(records: readonly object[], customerPositions: Int32Array): void {
	positions.set(records, customerPositions);
}
export function rememberOrigin(records: readonly object[], origin: Origin): void {
	origins.set(records, origin);
}

/**
 * For each record of a scoped dataset's collection, the position of its customer in
 * `scopeDataset(data, filter).customers`; undefined for arrays not made by scoping.
 */
export function customerPositions(records: readonly object[]): Int32Array | undefined {
	return positions.get(records);
}

/** Where the records of a scoped array sit in the dataset's array; undefined when unknown. */
export function originOf(records: readonly object[]): Origin | undefined {
	return origins.get(records);
}

/**
 * The raw array a (scoped) records array comes from, and each record's position in it;
 * an array not made by scoping is its own raw array.
 */
export function rawRows<T extends object>(
	records: readonly T[]
): { raw: readonly T[]; row: Int32Array } {
	const origin = originOf(records);
	if (origin) return { raw: origin.raw as readonly T[], row: origin.at };
	let row = identities.get(records);
	if (!row) identities.set(records, (row = Int32Array.from(records.keys())));
	return { raw: records, row };
}
const identities = new WeakMap<readonly object[], Int32Array>();

/** `dayStart(order.date)` for each order, by position. */
export const orderDays = memo((orders: readonly Order[]): Float64Array => {
	const origin = originOf(orders);
	if (origin) return gather(orderColumns(origin.raw as readonly Order[]).day, origin.at);
	const days = new Float64Array(orders.length);
	for (let i = 0; i < orders.length; i++) days[i] = dayStart(orders[i].date);
	return days;
}, days);

function gather(column: Float64Array, at: Int32Array): Float64Array {
	const out = new Float64Array(at.length);
	for (let i = 0; i < at.length; i++) out[i] = column[at[i]];
	return out;
}

/** Positions of the revenue orders (REVENUE_STATUSES), in order. */
export const revenueIndexes = patchableMemo(
	(orders: readonly Order[]): Uint32Array => {
		const { raw, row } = rawRows(orders);
		const revenue = orderColumns(raw).revenue;
		let n = 0;
		for (let i = 0; i < row.length; i++) n += revenue[row[i]];
		const out = new Uint32Array(n);
		for (let i = 0, w = 0; i < row.length; i++) if (revenue[row[i]] === 1) out[w++] = i;
		return out;
	},
	// Unchanged when no replaced order changed its revenue flag.
	(previous, orders, { before, changed }) =>
		sameAt(before as readonly Order[], orders, changed, (raw) => orderColumns(raw).revenue)
			? previous
			: undefined
);

/**
 * True when `column` (of each array's raw array) holds the same values for the records at
 * `changed` in `before` and in `records` (NaN equal to NaN).
 */
export function sameAt<T extends object>(
	before: readonly T[],
	records: readonly T[],
	changed: readonly number[],
	column: (raw: readonly T[]) => ArrayLike<number>
): boolean {
	const was = rawRows(before);
	const now = rawRows(records);
	const [a, b] = [column(was.raw), column(now.raw)];
	for (const p of changed) {
		const [x, y] = [a[was.row[p]], b[now.row[p]]];
		if (x !== y && (x === x || y === y)) return false;
	}
	return true;
}

/**
 * Lines of each order of an array, without copying: order i's lines are
 * start[row[i]] … start[row[i] + 1] − 1 of `product` and `value` (its raw array's columns).
 */
export interface OrderLines {
	row: Int32Array;
	start: Int32Array;
	product: Int32Array;
	quantity: Float32Array;
	value: Float64Array;
	/** Each order's amount, by row. */
	amount: Float64Array;
	/** Each order's month code (`monthNames`), by row. */
	month: Int32Array;
	/** Each order's day (`dayStart(order.date)`), by row. */
	day: Float64Array;
}

/** The lines of an orders array (a scoped one reads its raw array's columns). */
export const orderLines = memo((orders: readonly Order[]): OrderLines => {
	const origin = originOf(orders);
	const cols = orderColumns((origin?.raw as readonly Order[]) ?? orders);
	const row = origin?.at ?? Int32Array.from(orders.keys());
	return {
		row,
		start: cols.itemStart,
		product: cols.itemProduct,
		quantity: cols.itemQuantity,
		value: cols.itemValue,
		amount: cols.amount,
		month: cols.month,
		day: cols.day
	};
});

/** How many customers positions can name: one more than the largest position. */
function positionCount(at: Int32Array): number {
	let max = -1;
	for (let i = 0; i < at.length; i++) if (at[i] > max) max = at[i];
	return max + 1;
}

/** Positions of each customer's revenue orders, grouped by customer position, in order. */
export interface ByCustomer {
	/** Customer k's entries are list[start[k]] … list[start[k + 1] − 1]. */
	start: Int32Array;
	list: Int32Array;
}

/** Revenue orders per customer position (a scoped orders array). */
export const revenueByCustomer = memo((orders: readonly Order[]): ByCustomer => {
	const at = customerPositions(orders);
	if (!at) throw new Error('revenueByCustomer: orders of a scoped dataset expected');
	const revenue = revenueIndexes(orders);
	const n = positionCount(at);
	const start = new Int32Array(n + 1);
	for (const i of revenue) start[at[i] + 1]++;
	for (let k = 0; k < n; k++) start[k + 1] += start[k];
	const fill = start.slice(0, n);
	const list = new Int32Array(revenue.length);
	for (const i of revenue) list[fill[at[i]]++] = i;
	return { start, list };
});

/**
 * For each customer position, the latest check-in among a scoped visits array (−Infinity
 * when none); sized by the positions the visits name.
 */
export const latestCheckIns = memo((visits: readonly Visit[]): Float64Array => {
	const at = customerPositions(visits);
	if (!at) throw new Error('latestCheckIns: visits of a scoped dataset expected');
	const { raw, row } = rawRows(visits);
	const checkInAt = visitColumns(raw).checkInAt;
	const last = new Float64Array(positionCount(at)).fill(-Infinity);
	for (let i = 0; i < row.length; i++) {
		// NaN (no check-in) is never greater.
		const t = checkInAt[row[i]];
		if (t > last[at[i]]) last[at[i]] = t;
	}
	return last;
});

/** For each customer position, the latest order day among a scoped orders array (any status). */
export const latestOrderDays = memo((orders: readonly Order[]): Float64Array => {
	const at = customerPositions(orders);
	if (!at) throw new Error('latestOrderDays: orders of a scoped dataset expected');
	const { row, day } = orderLines(orders);
	const last = new Float64Array(positionCount(at)).fill(-Infinity);
	for (let i = 0; i < at.length; i++) if (day[row[i]] > last[at[i]]) last[at[i]] = day[row[i]];
	return last;
});

/** For each customer position, the latest opening among a scoped services array. */
export const latestOpenings = memo((services: readonly Service[]): Float64Array => {
	const at = customerPositions(services);
	if (!at) throw new Error('latestOpenings: services of a scoped dataset expected');
	const { raw, row } = rawRows(services);
	const openedAt = serviceColumns(raw).openedAt;
	const last = new Float64Array(positionCount(at)).fill(-Infinity);
	for (let i = 0; i < at.length; i++) {
		const t = openedAt[row[i]];
		if (t > last[at[i]]) last[at[i]] = t;
	}
	return last;
});

/**
 * The follow-ups still open (see openFollowUps in followups.ts) of a scoped visits array, in
 * visit order (not sorted: the reports count them): each one's due time and its customer's
 * position in the scope.
 */
export interface OpenFollowUpsAt {
	dueAt: Float64Array;
	at: Int32Array;
}

/** openFollowUps (followups.ts) of a scoped visits array, by customer position. */
export const openFollowUpsMemo = memo((visits: readonly Visit[]): OpenFollowUpsAt => {
	const at = customerPositions(visits);
	if (!at) throw new Error('openFollowUpsMemo: visits of a scoped dataset expected');
	const last = latestCheckIns(visits);
	const { raw, row } = rawRows(visits);
	const { time, nextFollowUpAt } = visitColumns(raw);
	const open = new Uint8Array(row.length);
	let n = 0;
	for (let i = 0; i < row.length; i++) {
		const r = row[i];
		const dueAt = nextFollowUpAt[r];
		if (dueAt !== dueAt) continue;
		const happened = time[r] === time[r] ? time[r] : -Infinity;
		if (last[at[i]] > happened) continue;
		open[i] = 1;
		n++;
	}
	const out = { dueAt: new Float64Array(n), at: new Int32Array(n) };
	for (let i = 0, w = 0; i < row.length; i++) {
		if (open[i] === 0) continue;
		out.dueAt[w] = nextFollowUpAt[row[i]];
		out.at[w++] = at[i];
	}
	return out;
});

/**
 * The positions of a customers array sorted by id (ascending, as `[...ids].sort()`), and
 * each position's rank in that order.
 */
export const idOrder = memo(
	(customers: readonly Customer[]): { order: Int32Array; rank: Int32Array } => {
		const ids = customerIds(customers);
		// A plain array: its sort (TimSort) needs one comparison per id when the ids are
		// already in order (as RxDB lists them by primary key), a typed array's sort
		// (a merge sort) n log n string comparisons whatever the order.
		const positions: number[] = new Array(ids.length);
		for (let k = 0; k < positions.length; k++) positions[k] = k;
		positions.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
		const order = Int32Array.from(positions);
		const rank = new Int32Array(order.length);
		for (let r = 0; r < order.length; r++) rank[order[r]] = r;
		return { order, rank };
	}
);

/**
 * Each customer's id, by position: read from the compact copies the customer index holds
 * (`IdTable`), so listing ids in any order touches no customer record.
 */
export const customerIds = memo((customers: readonly Customer[]): readonly string[] => {
	const { raw, row } = rawRows(customers);
	const copies = customerIndex(raw).byId.ids;
	const ids: string[] = new Array(row.length);
	for (let k = 0; k < row.length; k++) {
		const id = copies[row[k]];
		ids[k] = typeof id === 'string' ? id : raw[row[k]].id;
	}
	return ids;
});

export { memo, patchableMemo };
