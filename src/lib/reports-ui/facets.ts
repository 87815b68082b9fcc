/** What the filters can offer: owners, regions and tags found in the customers on the device. */
import type { Customer } from '$lib/domain';
import { isLive, regionOf } from '$lib/reports';

export interface Facets {
	ownerIds: string[];
	regions: string[];
	tags: string[];
	/** Customer id → name, for tables and drill-downs. */
	names: ReadonlyMap<string, string>;
}

const memo = new WeakMap<readonly Customer[], Facets>();

/** Sorted distinct owners, regions and tags of live customers; computed once per array. */
export function facetsOf(customers: readonly Customer[]): Facets {
	let f = memo.get(customers);
	if (f) return f;
	const owners = new Set<string>();
	const regions = new Set<string>();
	const tags = new Set<string>();
	const names = new Map<string, string>();
	for (const c of customers) {
		if (!isLive(c)) continue;
		owners.add(c.ownerId);
		regions.add(regionOf(c));
		for (const t of c.interests) tags.add(t);
		names.set(c.id, c.name);
	}
	const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
	f = { ownerIds: sort(owners), regions: sort(regions), tags: sort(tags), names };
	memo.set(customers, f);
	return f;
}
