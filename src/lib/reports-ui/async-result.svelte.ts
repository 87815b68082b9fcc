/**
 * The latest answer of an async computation as a rune, re-run when the runes its
 * function reads change; a late answer to an older run is dropped. Keeps the previous
 * result while a new one is computed, so charts do not flash empty on every edit.
 */
export class AsyncResult<T> {
	#value = $state.raw<T | undefined>(undefined);
	#error = $state<string | undefined>(undefined);
	#pending = $state(false);

	/**
	 * `compute` answers undefined when there is nothing to compute yet. Its signal aborts
	 * when a newer run starts or the owner is destroyed, so a worker can skip work nobody
	 * waits for any more.
	 */
	constructor(compute: (signal: AbortSignal) => Promise<T> | undefined) {
		let run = 0;
		$effect(() => {
			const controller = new AbortController();
			const promise = compute(controller.signal);
			if (!promise) return;
			const mine = ++run;
			this.#pending = true;
			promise.then(
				(value) => {
					if (mine !== run) return;
					this.#value = value;
					this.#error = undefined;
					this.#pending = false;
				},
				(e: unknown) => {
					if (mine !== run || controller.signal.aborted) return;
					this.#error = e instanceof Error ? e.message : String(e);
					this.#pending = false;
				}
			);
			return () => controller.abort();
		});
	}

	get value(): T | undefined {
		return this.#value;
	}

	get error(): string | undefined {
		return this.#error;
	}

	/** True while a newer answer is on its way. */
	get pending(): boolean {
		return this.#pending;
	}
}
