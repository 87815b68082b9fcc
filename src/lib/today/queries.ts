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
		switchMap((window) => recentQuery(db, window, now).$),
		map((docs) => newest(docs, limit))
	);
}

/** `recentCustomers$` read once (for `calmWhile`). */
export async function recentCustomersOnce(
	db: FieldbookDb,
	limit = 5,
	now = Date.now()
): Promise<Customer[]> {
	const window = await recentWindow(db, limit, now);
	const docs = await readOnce<Customer>(db.customers, {
		selector: since(window, now),
		sort: [{ updatedAt: 'asc' }]
	});
	return docs.slice(-limit).reverse();
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

function recentQuery(db: FieldbookDb, window: number, now: number) {
	return db.customers.find({ selector: since(window, now), sort: [{ updatedAt: 'asc' }] });
}

function newest(docs: { toJSON(): unknown }[], limit: number): Customer[] {
	return docs
		.slice(-limit)
		.reverse()
		.map((d) => d.toJSON() as Customer);
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
