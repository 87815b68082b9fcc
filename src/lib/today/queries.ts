/** Observables the Today page, the customer pickers and the customer list read (beside $lib/db/queries). */
import { defer, map, switchMap, type Observable } from 'rxjs';
import type { FieldbookDb } from '$lib/db/database';
import { readOnce } from '$lib/db/queries';
import type { Customer, Visit } from '$lib/domain';

/** Every live visit on the device (follow-ups need each customer's latest). */
export function visits$(db: FieldbookDb): Observable<Visit[]> {
	return db.visits.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as Visit)));
}

/** `visits$` read once (for `calmWhile`). */
export function visitsOnce(db: FieldbookDb): Promise<Visit[]> {
	return readOnce<Visit>(db.visits);
}

const DAY = 86_400_000;
/** How far back `recentCustomers$` looks, widening until enough customers are found. */
export const RECENT_WINDOWS = [DAY, 7 * DAY, 30 * DAY, 365 * DAY, Infinity];

/**
 * The customers edited last, newest first. RxDB sorts descending queries in memory over
 * every match (20,000 customers read for 5 shown), so this reads an ascending index range
 * of recent edits instead: the shortest window in `RECENT_WINDOWS` that holds `limit`
 * customers, chosen when subscribed. Later edits fall inside it and show up live.
 */
export function recentCustomers$(
	db: FieldbookDb,
	limit = 5,
	now = Date.now()
): Observable<Customer[]> {
	return defer(() => recentWindow(db, limit, now)).pipe(
		switchMap((window) => db.customers.find(recentQuery(window, now)).$),
		map((docs) =>
			newest(
				docs.map((d) => d.toJSON() as Customer),
				limit
			)
		)
	);
}

/** `recentCustomers$` read once (for `calmWhile`). */
export async function recentCustomersOnce(
	db: FieldbookDb,
	limit = 5,
	now = Date.now()
): Promise<Customer[]> {
	const window = await recentWindow(db, limit, now);
	return newest(await readOnce<Customer>(db.customers, recentQuery(window, now)), limit);
}

const since = (window: number, now: number) =>
	window === Infinity ? {} : { updatedAt: { $gte: now - window } };

/** The shortest window in `RECENT_WINDOWS` that holds `limit` customers. */
async function recentWindow(db: FieldbookDb, limit: number, now: number): Promise<number> {
	for (const window of RECENT_WINDOWS) {
		if (window === Infinity) return window;
		if ((await db.customers.count({ selector: since(window, now) }).exec()) >= limit) return window;
	}
	return Infinity;
}

/** The customers edited in `window` before `now`, oldest first (an ascending index range). */
function recentQuery(window: number, now: number) {
	return { selector: since(window, now), sort: [{ updatedAt: 'asc' as const }] };
}

/** The last `limit` of an oldest-first list, newest first. */
function newest(customers: Customer[], limit: number): Customer[] {
	return customers.slice(-limit).reverse();
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
