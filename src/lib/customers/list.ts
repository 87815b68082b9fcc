/**
 * Filtering and sorting the customer list: pure functions the list page composes as
 * sort (once per data or order change) → filter → search (per keystroke; order is kept).
 */
import type { Customer } from '$lib/domain/customer';
import { GRADES, STAGES, type Grade, type Stage } from '$lib/domain/choices';

export const SORTS = ['recent', 'name', 'stage', 'grade'] as const;
export type SortKey = (typeof SORTS)[number];

export interface ListFilter {
	stage?: Stage;
	grade?: Grade;
	/** An interest tag, compared case-insensitively. */
	tag?: string;
}

type Listed = Pick<Customer, 'name' | 'stage' | 'updatedAt' | 'interests'> & { grade?: Grade };

const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

function byName(a: Listed, b: Listed): number {
	return collator.compare(a.name, b.name);
}

/** A new array sorted by `key`: recent edits first; names in Chinese collation; stages in funnel order; grades a→d (ungraded last). Ties fall back to name. */
export function sortCustomers<T extends Listed>(customers: readonly T[], key: SortKey): T[] {
	const out = [...customers];
	switch (key) {
		case 'recent':
			return out.sort((a, b) => b.updatedAt - a.updatedAt);
		case 'name':
			return out.sort(byName);
		case 'stage':
			return out.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || byName(a, b));
		case 'grade': {
			const rank = (g?: Grade) => (g ? GRADES.indexOf(g) : GRADES.length);
			return out.sort((a, b) => rank(a.grade) - rank(b.grade) || byName(a, b));
		}
	}
}

/** The customers passing every set criterion, in the given order. */
export function filterCustomers<T extends Listed>(
	customers: readonly T[],
	filter: ListFilter
): T[] {
	const tag = filter.tag?.trim().toLowerCase();
	if (!filter.stage && !filter.grade && !tag) return customers as T[];
	return customers.filter(
		(c) =>
			(!filter.stage || c.stage === filter.stage) &&
			(!filter.grade || c.grade === filter.grade) &&
			(!tag || c.interests.some((t) => t.toLowerCase() === tag))
	);
}

/** Every interest tag in use, most used first (for the tag filter). */
export function tagsInUse(customers: readonly Pick<Customer, 'interests'>[]): string[] {
	const counts = new Map<string, number>();
	for (const c of customers) for (const t of c.interests) counts.set(t, (counts.get(t) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0])).map(([t]) => t);
}

/** True when any criterion is set. */
export function isFiltered(filter: ListFilter): boolean {
	return Boolean(filter.stage || filter.grade || filter.tag);
}
