/**
 * Reactive RxDB queries for Svelte 5: a `LiveQuery` follows an observable of records and
 * exposes the latest array as a rune. Create it during component initialisation.
 */
import type { Observable } from 'rxjs';

export class LiveQuery<T> {
	#items = $state.raw<T[]>([]);
	#ready = $state(false);

	/** `source` is re-run when the runes it reads change (e.g. the open database). */
	constructor(source: () => Observable<T[]> | undefined) {
		$effect(() => {
			const observable = source();
			if (!observable) return;
			const sub = observable.subscribe((items) => {
				this.#items = items;
				this.#ready = true;
			});
			return () => sub.unsubscribe();
		});
	}

	get items(): T[] {
		return this.#items;
	}

	/** False until the first result arrived. */
	get ready(): boolean {
		return this.#ready;
	}
}

/** Like LiveQuery, for a single record (undefined while missing or deleted). */
export class LiveRecord<T> {
	#value = $state.raw<T | undefined>(undefined);
	#ready = $state(false);

	constructor(source: () => Observable<T | undefined | null> | undefined) {
		$effect(() => {
			const observable = source();
			if (!observable) return;
			const sub = observable.subscribe((value) => {
				this.#value = value ?? undefined;
				this.#ready = true;
			});
			return () => sub.unsubscribe();
		});
	}

	get value(): T | undefined {
		return this.#value;
	}

	get ready(): boolean {
		return this.#ready;
	}
}
