/** Report filters (date range, owner, region, tag) and the region a customer's address names. */
import { storedCustomerCodes } from './stored-customer-codes';
import {
	type Campaign,
	type Customer,
	type Order,
	type Participation,
	type Service,
	type Visit
} from '../domain';
import { isLive, type Dataset } from './dataset';
import {
	customerColumns,
	customerLinks,
	customerPositions,
	orderLines,
	originOf,
	participationColumns,
	campaignCodesOf,
	rawRows,
	serviceColumns,
	visitColumns,
	rememberOrigin,
	lastLinked,
	rememberLineage,
	rememberPositions,
	type ChildRole
} from './indexes';
import { changedPositions, columnReader } from './derived';

/**
 * What every report can be narrowed to. `from` is inclusive and `to` exclusive (epoch ms);
 * an absent bound or an empty list does not filter.
 */
export interface ReportFilter {
	from?: number;
	to?: number;
	ownerIds?: string[];
	regions?: string[];
	tags?: string[];
}

/** A dataset a report may count: no tombstones, and lookups for every customer in scope. */
export interface ScopedDataset extends Dataset {
	/** Every live customer matching owner/region/tag, whatever the date range. */
	customerById: ReadonlyMap<string, Customer>;
}

export const UNKNOWN_REGION = 'unknown';

const PROVINCES = [
	'北京',
	'天津',
	'上海',
	'重庆',
	'河北',
	'山西',
	'辽宁',
	'吉林',
	'黑龙江',
	'江苏',
	'浙江',
	'安徽',
	'福建',
	'江西',
	'山东',
	'河南',
	'湖北',
	'湖南',
	'广东',
	'海南',
	'四川',
	'贵州',
	'云南',
	'陕西',
	'甘肃',
	'青海',
	'台湾',
	'内蒙古',
	'广西',
	'西藏',
	'宁夏',
	'新疆',
	'香港',
	'澳门'
];
/**
 * The provinces by their first character (in PROVINCES' order). A text starting with one
 * has a CJK first character, needs no trimming, and does not start with 中国 (no province
 * starts with 中), so it is that province.
 */
const PROVINCES_BY_FIRST = new Map<number, string[]>();
for (const p of PROVINCES) {
	const first = p.charCodeAt(0);
	if (!PROVINCES_BY_FIRST.has(first)) PROVINCES_BY_FIRST.set(first, []);
	PROVINCES_BY_FIRST.get(first)!.push(p);
}
const CJK = /[\u4e00-\u9fff]/;
const ADMIN_SUFFIX = /^(.{2,7}?)(?:省|市|自治区|特别行政区|自治州|地区|盟)/;

/**
 * The region an address names. Chinese addresses (any CJK character): the province,
 * municipality or SAR they start with, short form ("广东省深圳市…" → "广东", "北京市…" →
 * "北京", "内蒙古自治区…" → "内蒙古"), after an optional leading "中国"; failing that, the
 * text before the first 省/市/自治区… ("深圳市南山区" → "深圳"); failing that, the first
 * two characters. Other addresses: the last comma-separated part ("5 Rue X, Lyon, France"
 * → "France"), or the first word when there is no comma. No address: `UNKNOWN_REGION`.
 */
export function regionOf(customer: Pick<Customer, 'address'>): string {
	const raw = customer.address?.text;
	if (!raw) return UNKNOWN_REGION;
	// Most addresses start with their province: no trimming, no expression, no cache.
	const candidates = PROVINCES_BY_FIRST.get(raw.charCodeAt(0));
	if (candidates) for (const p of candidates) if (raw.startsWith(p)) return p;
	let region = regions.get(raw);
	if (region === undefined) {
		if (regions.size > 100_000) regions.clear();
		regions.set(raw, (region = regionOfText(raw.trim())));
	}
	return region;
}

/** Regions by address text: every report reads them, some once per order. */
const regions = new Map<string, string>();

function regionOfText(text: string): string {
	if (!text) return UNKNOWN_REGION;
	if (CJK.test(text)) {
		const s = text.replace(/^中国|^中华人民共和国/, '').trim();
		const province = PROVINCES.find((p) => s.startsWith(p));
		if (province) return province;
		return ADMIN_SUFFIX.exec(s)?.[1] ?? s.slice(0, 2);
	}
	const parts = text
		.split(/[,，]/)
		.map((p) => p.trim())
		.filter(Boolean);
	if (parts.length > 1) return parts[parts.length - 1];
	return text.split(/\s+/)[0];
}

/** Values of a customer field as small codes, shared by every customers array (codes only grow). */
export class Codes {
	private byValue = new Map<string, number>();
	/** The value of each code. */
	readonly names: string[] = [];
	code(value: string): number {
		let code = this.byValue.get(value);
		if (code === undefined) {
			this.byValue.set(value, (code = this.names.length));
			this.names.push(value);
		}
		return code;
	}
}

/** The codes of stage, grade and source (`none` when missing), region and owner. */
export const customerCodeTables = {
	stage: new Codes(),
	grade: new Codes(),
	source: new Codes(),
	region: new Codes(),
	owner: new Codes()
};

/** A customers array's fields as codes (`customerCodeTables`), read in one pass, by position. */
export interface CustomerCodes extends Record<string, Int32Array | Uint8Array> {
	/** 1 unless the customer is a tombstone. */
	live: Uint8Array;
	stage: Int32Array;
	grade: Int32Array;
	source: Int32Array;
	region: Int32Array;
	owner: Int32Array;
}
/**
 * The codes of a raw customers array (kept per array, patched after an edit): reports read
 * these instead of going over every customer record once per field.
 */
export const customerCodes = columnReader<Customer, CustomerCodes>(
	(n) => ({
		live: new Uint8Array(n),
		stage: new Int32Array(n),
		grade: new Int32Array(n),
		source: new Int32Array(n),
		region: new Int32Array(n),
		owner: new Int32Array(n)
	}),
	(cols, i, c) => {
		const t = customerCodeTables;
		cols.live[i] = c._deleted === true ? 0 : 1;
		cols.stage[i] = t.stage.code(c.stage);
		cols.grade[i] = t.grade.code(c.grade ?? 'none');
		cols.source[i] = t.source.code(c.source ?? 'none');
		cols.region[i] = t.region.code(regionOf(c));
		cols.owner[i] = t.owner.code(c.ownerId);
	},
	(customers) => storedCustomerCodes(customers, customerCodeTables, regionOf)
);

function customerMatcher(f: ReportFilter): ((c: Customer) => boolean) | undefined {
	if (!f.ownerIds?.length && !f.regions?.length && !f.tags?.length) return undefined;
	const owners = f.ownerIds?.length ? new Set(f.ownerIds) : undefined;
	const regions = f.regions?.length ? new Set(f.regions) : undefined;
	const tags = f.tags?.length ? new Set(f.tags) : undefined;
	return (c) =>
		(!owners || owners.has(c.ownerId)) &&
		(!regions || regions.has(regionOf(c))) &&
		(!tags || c.interests.some((t) => tags.has(t)));
}

/** True when moment `t` lies in the filter's date range. */
export function inRange(t: number, f: ReportFilter = {}): boolean {
	return (f.from === undefined || t >= f.from) && (f.to === undefined || t < f.to);
}

/**
 * Live records of the customers matching owner, region and tag, ignoring the date range.
 * A child whose customer is absent (deleted, out of scope, or not synced yet) is left out.
 * Campaigns belong to no customer and are all kept.
 */
export function scopeDataset(data: Dataset, f: ReportFilter = {}): ScopedDataset {
	const key = scopeKey(f);
	return remember(data, key, () => computeScope(data, f, key));
}

function scopeKey(f: ReportFilter): string {
	return JSON.stringify([f.ownerIds ?? [], f.regions ?? [], f.tags ?? []]);
}

/**
 * How many filters are kept per dataset or array: a manager's dashboard asks for its own
 * filter and one per rep (25 or more), each with and without its date range.
 */
const KEPT_FILTERS = 64;

/** `byKey.get(key)`, made most recent; when full, the least recently used entry goes. */
function lruGet<V>(byKey: Map<string, V>, key: string): V | undefined {
	const v = byKey.get(key);
	if (v !== undefined && byKey.size > 1) {
		byKey.delete(key);
		byKey.set(key, v);
	}
	return v;
}
function lruSet<V>(byKey: Map<string, V>, key: string, v: V): void {
	byKey.delete(key);
	if (byKey.size >= KEPT_FILTERS) byKey.delete(byKey.keys().next().value!);
	byKey.set(key, v);
}

/**
 * Reports on one dashboard filter the same snapshot the same way, so results are kept per
 * dataset object (weakly) and filter. Datasets are snapshots: build a new object, never
 * change its arrays in place.
 */
const remembered = new WeakMap<Dataset, Map<string, ScopedDataset>>();
function remember(data: Dataset, key: string, make: () => ScopedDataset): ScopedDataset {
	let byKey = remembered.get(data);
	if (!byKey) remembered.set(data, (byKey = new Map()));
	let result = lruGet(byKey, key);
	if (!result) lruSet(byKey, key, (result = make()));
	return result;
}

/** A value kept weakly per array object and a string key (the last KEPT_FILTERS keys used). */
function keyed<K extends object, V>() {
	const cache = new WeakMap<K, Map<string, V>>();
	const get = (owner: K, key: string, valid: (v: V) => boolean, make: () => V): V => {
		let byKey = cache.get(owner);
		if (!byKey) cache.set(owner, (byKey = new Map()));
		let v = lruGet(byKey, key);
		if (v === undefined || !valid(v)) lruSet(byKey, key, (v = make()));
		return v;
	};
	/** The value kept for `owner` and `key`, if any (not made, order of use unchanged). */
	get.peek = (owner: K, key: string): V | undefined => cache.get(owner)?.get(key);
	return get;
}

/** The customers a scope keeps, and for each raw position its position in the scope (or −1). */
interface CustomerScope {
	customers: Customer[];
	scopeOfRaw: Int32Array;
}

/**
 * Scoped arrays are kept per raw array and filter, so a snapshot that changed one
 * collection reuses the others' scoped arrays (and everything reports keep per array).
 */
const customerScopes = keyed<readonly Customer[], CustomerScope>();
interface ChildScope {
	scope: CustomerScope;
	raw: readonly object[];
	links: Int32Array;
	out: object[];
	/** Each kept record's customer position in the scope, and its position in `raw`. */
	at: Int32Array;
	from: Int32Array;
}
const childScopes = keyed<readonly object[], ChildScope>();

const liveCampaigns = keyed<readonly Campaign[], Campaign[]>();

function scopeCustomers(raw: readonly Customer[], f: ReportFilter, key: string): CustomerScope {
	return customerScopes(
		raw,
		key,
		() => true,
		() => {
			const matches = customerMatcher(f);
			const { live } = customerCodes(raw);
			const customers: Customer[] = [];
			const scopeOfRaw = new Int32Array(raw.length).fill(-1);
			const at = new Int32Array(raw.length);
			for (let i = 0; i < raw.length; i++) {
				if (live[i] === 0 || (matches && !matches(raw[i]))) continue;
				at[customers.length] = i;
				scopeOfRaw[i] = customers.length;
				customers.push(raw[i]);
			}
			const positions = new Int32Array(customers.length);
			for (let k = 0; k < positions.length; k++) positions[k] = k;
			rememberPositions(customers, positions);
			rememberOrigin(customers, { raw, at: at.slice(0, customers.length) });
			return { customers, scopeOfRaw };
		}
	);
}

function scopeChildren<T extends { customerId: string; _deleted?: boolean }>(
	role: ChildRole,
	raw: readonly T[],
	customers: readonly Customer[],
	scope: CustomerScope,
	key: string
): T[] {
	const kept = childScopes(
		raw,
		key,
		(v) => v.scope === scope,
		() => {
			// The previous array of this collection (the links' last one) and its scope, if kept.
			const previous = lastLinked(role);
			const last = previous && previous !== raw ? childScopes.peek(previous, key) : undefined;
			const links = customerLinks(role, raw, customers);
			return (last && patchScope(last, raw, links, scope)) ?? buildScope(raw, links, scope);
		}
	);
	return kept.out as T[];
}

function buildScope(raw: readonly object[], links: Int32Array, scope: CustomerScope): ChildScope {
	const { scopeOfRaw } = scope;
	let n = 0;
	for (let i = 0; i < links.length; i++) if (links[i] >= 0 && scopeOfRaw[links[i]] >= 0) n++;
	const out: object[] = new Array(n);
	const at = new Int32Array(n);
	const from = new Int32Array(n);
	for (let i = 0, w = 0; i < links.length; i++) {
		const c = links[i];
		if (c < 0) continue;
		const k = scopeOfRaw[c];
		if (k < 0) continue;
		out[w] = raw[i];
		at[w] = k;
		from[w++] = i;
	}
	rememberPositions(out, at);
	rememberOrigin(out, { raw, at: from });
	return { scope, raw, links, out, at, from };
}

/**
 * The scope of `raw` made from the previous array's (same scope, same length, a few records
 * replaced, none of them linked to another customer): a copy of its records with the new
 * ones in place, sharing positions and origin rows. Undefined when that does not apply.
 */
function patchScope(
	last: ChildScope,
	raw: readonly object[],
	links: Int32Array,
	scope: CustomerScope
): ChildScope | undefined {
	if (last.scope !== scope) return undefined;
	const changed = changedPositions(last.raw, raw);
	if (!changed) return undefined;
	for (const i of changed) if (links[i] !== last.links[i]) return undefined;
	const out = last.out.slice();
	const replaced: number[] = [];
	const { from } = last;
	for (const i of changed) {
		// The record's place among the kept ones (kept records are in raw order).
		let lo = 0;
		let hi = from.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (from[mid] < i) lo = mid + 1;
			else hi = mid;
		}
		if (lo === from.length || from[lo] !== i) continue;
		out[lo] = raw[i];
		replaced.push(lo);
	}
	rememberPositions(out, last.at);
	rememberOrigin(out, { raw, at: from });
	rememberLineage(out, last.out, replaced);
	return { scope, raw, links, out, at: last.at, from };
}

/** A customer by id among `customers`, built on first use and kept per array. */
const customerMaps = new WeakMap<readonly Customer[], Map<string, Customer>>();
function customerMap(customers: readonly Customer[]): Map<string, Customer> {
	let byId = customerMaps.get(customers);
	if (!byId) {
		byId = new Map();
		for (const c of customers) byId.set(c.id, c);
		customerMaps.set(customers, byId);
	}
	return byId;
}

/** A ScopedDataset whose `customerById` (over `inScope`) is built on first use. */
function scoped(parts: Dataset, inScope: readonly Customer[]): ScopedDataset {
	return Object.defineProperty(parts, 'customerById', {
		get: () => customerMap(inScope),
		enumerable: true
	}) as ScopedDataset;
}

function computeScope(data: Dataset, f: ReportFilter, key: string): ScopedDataset {
	const scope = scopeCustomers(data.customers, f, key);
	const mine = <T extends { customerId: string; _deleted?: boolean }>(
		role: ChildRole,
		rs: readonly T[]
	) => scopeChildren(role, rs, data.customers, scope, key);
	return scoped(
		{
			customers: scope.customers,
			orders: mine('orders', data.orders),
			services: mine('services', data.services),
			visits: mine('visits', data.visits),
			campaigns: liveCampaigns(
				data.campaigns,
				'',
				() => true,
				() => data.campaigns.filter(isLive)
			),
			participations: mine('participations', data.participations)
		},
		scope.customers
	);
}

/** When a visit happened: its check-in, else when it was planned. */
export function visitTime(v: { plannedAt?: number; checkIn?: { at: number } }): number | undefined {
	return v.checkIn?.at ?? v.plannedAt;
}

function campaignOverlaps(c: Campaign, f: ReportFilter): boolean {
	return (f.from === undefined || c.endsAt >= f.from) && (f.to === undefined || c.startsAt < f.to);
}

/**
 * `scopeDataset`, then the date range on each record's own date: a customer's creation
 * (`createdAtOf`), an order's `date` (local midnight), a service's `openedAt`, a visit's
 * check-in (else `plannedAt`). A campaign is kept when it overlaps the range, and with it
 * its participations, whenever they were recorded. `customerById` keeps every in-scope
 * customer, so children of customers created earlier still find their customer.
 */
export function applyFilter(data: Dataset, f: ReportFilter = {}): ScopedDataset {
	const scoped = scopeDataset(data, f);
	if (f.from === undefined && f.to === undefined) return scoped;
	const key = JSON.stringify([
		f.ownerIds ?? [],
		f.regions ?? [],
		f.tags ?? [],
		f.from ?? null,
		f.to ?? null
	]);
	return remember(data, key, () => narrowToRange(scoped, f));
}

/** Range-narrowed arrays, kept per scoped array and range (shared across snapshots). */
const narrowed = keyed<readonly object[], { campaigns?: readonly object[]; out: object[] }>();

/**
 * The scoped dataset narrowed to the range, each collection on first read: a report reads
 * one or two of them (sales only the orders), so the others are not narrowed for it.
 */
function narrowToRange(s: ScopedDataset, f: ReportFilter): ScopedDataset {
	const range = `${f.from ?? ''}/${f.to ?? ''}`;
	const always = () => true;
	const campaigns = once(
		() =>
			narrowed(s.campaigns, range, always, () => ({
				out: s.campaigns.filter((c) => campaignOverlaps(c, f))
			})).out as Campaign[]
	);
	return scoped(
		lazily({
			customers: () =>
				narrowed(s.customers, range, always, () => ({
					out: keepAt(s.customers, (raw) => customerColumns(raw).createdAt, f)
				})).out as Customer[],
			orders: () =>
				narrowed(s.orders, range, always, () => ({ out: ordersInRange(s.orders, f) }))
					.out as Order[],
			services: () =>
				narrowed(s.services, range, always, () => ({
					out: keepAt(s.services, (raw) => serviceColumns(raw).openedAt, f)
				})).out as Service[],
			visits: () =>
				narrowed(s.visits, range, always, () => ({
					// No time (NaN) is never in a range with a bound.
					out: keepAt(s.visits, (raw) => visitColumns(raw).time, f)
				})).out as Visit[],
			campaigns,
			participations: () =>
				narrowed(
					s.participations,
					range,
					(v) => v.campaigns === campaigns(),
					() => ({ campaigns: campaigns(), out: ofCampaigns(s.participations, campaigns()) })
				).out as Participation[]
		}),
		s.customers
	);
}

/** `make()`, called once, on first use. */
function once<T>(make: () => T): () => T {
	let value: T | undefined;
	return () => (value ??= make());
}

/** A dataset whose collections are made on first read (then kept), from `makers`. */
function lazily(makers: { [K in keyof Dataset]: () => Dataset[K] }): Dataset {
	const out = {} as Dataset;
	for (const key of Object.keys(makers) as (keyof Dataset)[]) {
		const get = once<unknown>(makers[key]);
		Object.defineProperty(out, key, { get, enumerable: true });
	}
	return out;
}

/** The participations in one of `campaigns`, by their campaign codes (participationColumns). */
function ofCampaigns(parts: readonly Participation[], campaigns: readonly Campaign[]) {
	const { raw, row } = rawRows(parts);
	// Read first: the campaign ids get their codes there.
	const campaign = participationColumns(raw).campaign;
	const codes = campaignCodesOf(campaigns.map((c) => c.id));
	if (!codes) {
		// An id that is not a string: as a Set of the ids would.
		const campaignIds = new Set<unknown>(campaigns.map((c) => c.id));
		return keep(parts, (p) => campaignIds.has(p.campaignId));
	}
	let most = -1;
	for (const c of codes) most = Math.max(most, c);
	const wanted = new Uint8Array(most + 1);
	for (const c of codes) if (c >= 0) wanted[c] = 1;
	const marks = new Uint8Array(parts.length);
	for (let i = 0; i < marks.length; i++) {
		const c = campaign[row[i]];
		marks[i] = c >= 0 && c <= most ? wanted[c] : 0;
	}
	return keepMarked(parts, marks);
}

/** Orders by their day; the narrowed array finds its days through its origin (indexes.ts). */
function ordersInRange(orders: readonly Order[], f: ReportFilter): Order[] {
	const { row, day } = orderLines(orders);
	return keepMarked(orders, marksInRange(day, row, f));
}

/** The records whose moment (a column of their raw array, by raw position) is in the range. */
function keepAt<T extends object>(
	records: readonly T[],
	column: (raw: readonly T[]) => Float64Array,
	f: ReportFilter
): T[] {
	const { raw, row } = rawRows(records);
	return keepMarked(records, marksInRange(column(raw), row, f));
}

/**
 * A filter's date range as narrowing applies it to a moment x: every x is in when neither
 * bound is set (NaN included); else x is in when from ≤ x and (no `to`, or x < to), so NaN
 * never is.
 */
export interface Bounds {
	unbounded: boolean;
	from: number;
	to: number;
	/** No upper bound (`x < to` would leave out +∞). */
	noTo: boolean;
}
export function boundsOf(f: ReportFilter): Bounds {
	return {
		unbounded: f.from === undefined && f.to === undefined,
		from: f.from ?? -Infinity,
		to: f.to ?? Infinity,
		noTo: f.to === undefined
	};
}

/** 1 for each i whose `t[row[i]]` lies in the filter's range. */
function marksInRange(t: Float64Array, row: Int32Array, f: ReportFilter): Uint8Array {
	const { unbounded, from, to, noTo } = boundsOf(f);
	const marks = new Uint8Array(row.length);
	for (let i = 0; i < row.length; i++) {
		const x = t[row[i]];
		marks[i] = unbounded || (x >= from && (noTo || x < to)) ? 1 : 0;
	}
	return marks;
}

/** The rows `row[i]` whose `t` lies in the filter's range, in order (`row` itself without bounds). */
export function rowsInRange(t: Float64Array, row: Int32Array, f: ReportFilter): Int32Array {
	const { unbounded, from, to, noTo } = boundsOf(f);
	if (unbounded) return row;
	const kept = new Int32Array(row.length);
	let n = 0;
	for (let i = 0; i < row.length; i++) {
		const x = t[row[i]];
		if (x >= from && (noTo || x < to)) kept[n++] = row[i];
	}
	return kept.slice(0, n);
}

/** `records.filter(test)`, carrying the customer positions and origins scoping recorded along. */
function keep<T extends object>(records: readonly T[], test: (r: T, i: number) => boolean): T[] {
	const marks = new Uint8Array(records.length);
	for (let i = 0; i < records.length; i++) if (test(records[i], i)) marks[i] = 1;
	return keepMarked(records, marks);
}

/** The records marked 1, with their customer positions and origins. */
function keepMarked<T extends object>(records: readonly T[], kept: Uint8Array): T[] {
	const from = customerPositions(records);
	const origin = originOf(records);
	let n = 0;
	for (let i = 0; i < kept.length; i++) n += kept[i];
	const out: T[] = new Array(n);
	const at = from ? new Int32Array(n) : undefined;
	const rawAt = origin ? new Int32Array(n) : undefined;
	for (let i = 0, w = 0; i < records.length; i++) {
		if (!kept[i]) continue;
		out[w] = records[i];
		if (at) at[w] = from![i];
		if (rawAt) rawAt[w] = origin!.at[i];
		w++;
	}
	if (at) rememberPositions(out, at);
	if (rawAt) rememberOrigin(out, { raw: origin!.raw, at: rawAt });
	return out;
}
