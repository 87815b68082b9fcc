/** Report filters (date range, owner, region, tag) and the region a customer's address names. */
import { createdAtOf, type Campaign, type Customer, type Order } from '../domain';
import { isLive, type Dataset } from './dataset';
import { customerPositions, orderDays, rememberOrderDays, rememberPositions } from './indexes';

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
	const key = JSON.stringify([f.ownerIds ?? [], f.regions ?? [], f.tags ?? []]);
	return remember(data, key, () => computeScope(data, f));
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
	let result = byKey.get(key);
	if (!result) {
		if (byKey.size >= 16) byKey.clear();
		byKey.set(key, (result = make()));
	}
	return result;
}

function computeScope(data: Dataset, f: ReportFilter): ScopedDataset {
	const matches = customerMatcher(f);
	const customers: Customer[] = [];
	const customerById = new Map<string, Customer>();
	const positionOf = new Map<string, number>();
	for (const c of data.customers) {
		if (c._deleted === true || (matches && !matches(c))) continue;
		positionOf.set(c.id, customers.length);
		customers.push(c);
		customerById.set(c.id, c);
	}
	const mine = <T extends { customerId: string; _deleted?: boolean }>(rs: readonly T[]) => {
		const out: T[] = [];
		const at: number[] = [];
		for (const r of rs) {
			if (r._deleted === true) continue;
			const k = positionOf.get(r.customerId);
			if (k === undefined) continue;
			out.push(r);
			at.push(k);
		}
		rememberPositions(out, Int32Array.from(at));
		return out;
	};
	return {
		customers,
		customerById,
		orders: mine(data.orders),
		services: mine(data.services),
		visits: mine(data.visits),
		campaigns: data.campaigns.filter(isLive),
		participations: mine(data.participations)
	};
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

function narrowToRange(scoped: ScopedDataset, f: ReportFilter): ScopedDataset {
	const campaigns = scoped.campaigns.filter((c) => campaignOverlaps(c, f));
	const campaignIds = new Set(campaigns.map((c) => c.id));
	return {
		customerById: scoped.customerById,
		customers: scoped.customers.filter((c) => inRange(createdAtOf(c), f)),
		orders: ordersInRange(scoped.orders, f),
		services: keep(scoped.services, (s) => inRange(s.openedAt, f)),
		visits: keep(scoped.visits, (v) => {
			const t = visitTime(v);
			return t !== undefined && inRange(t, f);
		}),
		campaigns,
		participations: keep(scoped.participations, (p) => campaignIds.has(p.campaignId))
	};
}

function ordersInRange(orders: readonly Order[], f: ReportFilter): Order[] {
	const days = orderDays(orders);
	const keptDays: number[] = [];
	const out = keep(orders, (_, i) => {
		if (!inRange(days[i], f)) return false;
		keptDays.push(days[i]);
		return true;
	});
	rememberOrderDays(out, Float64Array.from(keptDays));
	return out;
}

/** `records.filter(test)`, carrying the customer positions scoping recorded along. */
function keep<T extends object>(records: readonly T[], test: (r: T, i: number) => boolean): T[] {
	const from = customerPositions(records);
	const out: T[] = [];
	const at: number[] = [];
	for (let i = 0; i < records.length; i++) {
		if (!test(records[i], i)) continue;
		out.push(records[i]);
		if (from) at.push(from[i]);
	}
	if (from) rememberPositions(out, Int32Array.from(at));
	return out;
}
