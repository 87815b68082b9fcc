/**
 * Live queries that stay calm while the device takes in thousands of records at once (the
 * first sync): RxDB re-reads a query's results from IndexedDB after each written batch, so a
 * page following every visit during the first sync reads the store again and again while it
 * fills. While `busy()` holds, the query is read once every `everyMs` instead; otherwise it is
 * followed live. `busy` is checked every `checkMs`.
 */
import {
	distinctUntilChanged,
	exhaustMap,
	interval,
	map,
	startWith,
	switchMap,
	take,
	type Observable
} from 'rxjs';

export function calmWhile<T>(
	make: () => Observable<T>,
	busy: () => boolean,
	everyMs = 3000,
	checkMs = 1000
): Observable<T> {
	return interval(checkMs).pipe(
		startWith(0),
		map(() => busy()),
		distinctUntilChanged(),
		switchMap((isBusy) =>
			isBusy
				? interval(everyMs).pipe(
						startWith(0),
						exhaustMap(() => make().pipe(take(1)))
					)
				: make()
		)
	);
}
