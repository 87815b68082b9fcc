/** The customer list's search, filters and sort; module state, so they survive a visit to a customer and back. */
import type { ListFilter, SortKey } from '$lib/customers/list';

class ListState {
	query = $state('');
	filter = $state<ListFilter>({});
	sort = $state<SortKey>('recent');
}

export const listState = new ListState();
