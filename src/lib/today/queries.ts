/** Observables the Today page and the customer pickers read (beside $lib/db/queries). */
import { map, type Observable } from 'rxjs';
import type { FieldbookDb } from '$lib/db/database';
import type { Customer, Visit } from '$lib/domain';

/** Every live visit on the device (follow-ups need each customer's latest). */
export function visits$(db: FieldbookDb): Observable<Visit[]> {
	return db.visits.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as Visit)));
}

/** The customers edited last, newest first. */
export function recentCustomers$(db: FieldbookDb, limit = 5): Observable<Customer[]> {
	return db.customers
		.find({ sort: [{ updatedAt: 'desc' }], limit })
		.$.pipe(map((docs) => docs.map((d) => d.toJSON() as Customer)));
}

/** The names of some customers, by id (missing or deleted ones are absent). */
export function customerNames$(
	db: FieldbookDb,
	ids: readonly string[]
): Observable<Map<string, string>> {
	return db.customers
		.findByIds([...new Set(ids)])
		.$.pipe(map((docs) => new Map([...docs].map(([id, d]) => [id, d.name]))));
}
