/** Customer queries of the list page beyond $lib/db/queries. */
import { map, type Observable } from 'rxjs';
import type { FieldbookDb } from '$lib/db/database';
import type { Customer } from '$lib/domain/customer';

/** The `limit` most recently edited customers (by index), to paint the list before all have loaded. */
export function recentCustomers$(db: FieldbookDb, limit: number): Observable<Customer[]> {
	return db.customers
		.find({ selector: {}, sort: [{ updatedAt: 'desc' }], limit })
		.$.pipe(map((docs) => docs.map((d) => d.toJSON() as Customer)));
}
