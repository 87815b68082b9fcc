/** Choosing customers in a picker (check-in, campaign invitations): search, newest edits first. */
import { SearchIndex } from '$lib/customers/search';
import type { Customer } from '$lib/domain';

const index = new SearchIndex();

/**
 * Up to `limit` customers matching what was typed (name, company, pinyin, initials, phone,
 * email — the customer list's search), most recently edited first.
 */
export function pickCustomers(
	customers: readonly Customer[],
	query: string,
	limit = 30
): Customer[] {
	const found = index.search(customers, query);
	return [...found]
		.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1))
		.slice(0, limit);
}
