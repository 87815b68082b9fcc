/**
 * Live queries that stay calm while the device takes in thousands of records at once (the
 * first sync): RxDB re-reads a query's results from IndexedDB after each written batch, so a
 * page following every visit during the first sync reads the store again and again while it
 * fills. While `busy()` holds, the query is read once, then again `everyMs` later or
 * `slowFactor` times as long as the read took, whichever is longer (a read of 40,000 visits
 * competes with the sync for IndexedDB and the main thread: with four times, Today's reads
 * of every visit during a first sync of 5,000 customers took 39,858 cursor steps, more than
 * the 30,013 records the sync wrote); otherwise it is followed live. `busy` is checked every
 * `checkMs`.
 *
 * `once` reads the query one time. Give one for RxDB queries (`readOnce` in queries.ts): the
 * default, the first value of `make()`, subscribes RxDB's live query, which re-runs itself after every
 * written batch; over 40,000 visits during a first sync it never settled to answer and read
 * the store about once a second until the sync ended.
 */
import {
	defer,
	from,
	distinctUntilChanged,
	expand,
	interval,
	map,
	startWith,
	switchMap,
	take,
	timer,
	type Observable
} from 'rxjs';

export function calmWhile<T>(
	make: () => Observable<T>,
	busy: () => boolean,
	once: () => Observable<T> | Promise<T> = () => make().pipe(take(1)),
	everyMs = 10_000,
	checkMs = 1000,
	slowFactor = 8
): Observable<T> {
	// One read of the query, with how long it took.
	const readOnce = () =>
		defer(() => {
			const started = Date.now();
			return from(once()).pipe(
				take(1),
				map((value) => ({ value, took: Date.now() - started }))
			);
		});
	const polled = readOnce().pipe(
		expand(({ took }) => timer(Math.max(everyMs, slowFactor * took)).pipe(switchMap(readOnce))),
		map(({ value }) => value)
	);
	return interval(checkMs).pipe(
		startWith(0),
		map(() => busy()),
		distinctUntilChanged(),
		switchMap((isBusy) => (isBusy ? polled : make()))
	);
}
