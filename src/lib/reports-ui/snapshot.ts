/**
 * Turns the six collections' live results into dataset snapshots: a new `Dataset` object
 * each time (never a changed one, so the report caches keyed by object stay right), the
 * first as soon as every collection answered, later ones coalesced over `delayMs`.
 */
import type { CollectionName } from '$lib/domain/collections';
import { emptyDataset, type Dataset } from '$lib/reports';

export interface Timers {
	set(fn: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

const realTimers: Timers = {
	set: (fn, ms) => setTimeout(fn, ms),
	clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
};

export class SnapshotBuilder {
	#parts: Partial<Record<CollectionName, readonly unknown[]>> = {};
	#timer: unknown;
	#published = false;

	constructor(
		private readonly collections: readonly CollectionName[],
		private readonly publish: (data: Dataset) => void,
		private readonly delayMs = 200,
		private readonly timers: Timers = realTimers
	) {}

	/** A collection's latest records (a new array from the query). */
	update(collection: CollectionName, records: readonly unknown[]): void {
		this.#parts[collection] = records;
		if (!this.collections.every((c) => this.#parts[c])) return;
		if (!this.#published) return this.#flush();
		if (this.#timer === undefined) this.#timer = this.timers.set(() => this.#flush(), this.delayMs);
	}

	dispose(): void {
		if (this.#timer !== undefined) this.timers.clear(this.#timer);
		this.#timer = undefined;
	}

	#flush(): void {
		this.#timer = undefined;
		this.#published = true;
		this.publish({ ...emptyDataset(), ...(this.#parts as Partial<Dataset>) });
	}
}
