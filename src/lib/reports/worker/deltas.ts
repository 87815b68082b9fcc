/**
 * The worker's copy of the records: one array per collection, loaded once and then kept
 * up to date from change events. Every change makes a **new** `Dataset` object holding a
 * new array for each changed collection only, so work the reports cache per unchanged
 * array is reused. A deleted record stays as a tombstone (`_deleted: true`) in its place,
 * so the positions of all other records stay put.
 */
import type { CollectionName } from '$lib/domain/collections';
import { emptyDataset, type Dataset } from '../dataset';

/** A record as the worker holds it: anything with an id (and maybe `_deleted`). */
export interface HeldRecord {
	id: string;
	_deleted?: boolean;
}

/** One change of one record: its whole new state (`_deleted: true` for a delete). */
export interface RecordChange {
	collection: CollectionName;
	record: HeldRecord;
}

/** A record's state before and after one change (`before` undefined: it was new). */
export interface AppliedChange {
	collection: CollectionName;
	before?: HeldRecord;
	after: HeldRecord;
}

/** Changes to one collection in one `apply` found by scanning, past which its positions are made first. */
const SCANNED_CHANGES = 8;

/** How far back `changesBetween` looks (snapshots), past which callers compute afresh. */
const MAX_STEPS = 32;

export class DeltaDataset {
	#data: Dataset = emptyDataset();
	/** Each snapshot made by `apply`: the one before it and the changes between them. */
	#steps = new WeakMap<Dataset, { previous: Dataset; changes: AppliedChange[] }>();
	/**
	 * Each collection's record positions by id: `map` holds those of records before `done`
	 * (made in slices by `indexInSlices`, or at once by `index`); a record at or after
	 * `done` is found by scanning from there.
	 */
	#positions = new Map<CollectionName, { map: Map<string, number>; done: number }>();
	#version = 0;

	/** The current snapshot (a new object after every change). */
	get data(): Dataset {
		return this.#data;
	}

	/** Increases with every new snapshot. */
	get version(): number {
		return this.#version;
	}

	/**
	 * Replaces a collection's records wholesale (the first load). The positions by id are
	 * made later (`indexInSlices`, `index`): 800,000 map entries cost a few hundred
	 * milliseconds a cold start need not wait for.
	 */
	load(collection: CollectionName, records: readonly HeldRecord[]): void {
		this.#positions.delete(collection);
		this.#data = { ...this.#data, [collection]: records };
		this.#version++;
	}

	/**
	 * The changes that made snapshot `newer` from `older`, in order; undefined when `older`
	 * is not one of the last snapshots before it (a load came between, or too many changes).
	 */
	changesBetween(older: Dataset, newer: Dataset): AppliedChange[] | undefined {
		const chain: AppliedChange[][] = [];
		let at = newer;
		for (let i = 0; at !== older; i++) {
			const step = this.#steps.get(at);
			if (!step || i >= MAX_STEPS) return undefined;
			chain.push(step.changes);
			at = step.previous;
		}
		return chain.reverse().flat();
	}

	/** A record of the current snapshot by id. */
	find(collection: CollectionName, id: string): HeldRecord | undefined {
		const at = this.#positionOf(collection, id);
		return at === undefined ? undefined : (this.#data[collection] as readonly HeldRecord[])[at];
	}

	/** Makes the positions by id of every collection at once. */
	index(): void {
		for (const c of Object.keys(this.#data) as CollectionName[]) this.#complete(c);
	}

	/**
	 * Makes the positions by id in slices of `slice` records, awaiting `pause()` between
	 * them, so changes arriving meanwhile are applied at once instead of waiting for 800,000
	 * map entries (a few hundred milliseconds in one task).
	 */
	async indexInSlices(
		slice = 50_000,
		pause = (): Promise<void> => new Promise((r) => setTimeout(r, 0))
	): Promise<void> {
		for (const c of Object.keys(this.#data) as CollectionName[]) {
			const entry = this.#entry(c);
			for (;;) {
				// A load may replace the collection meanwhile (its positions start over).
				if (this.#positions.get(c) !== entry) break;
				const records = this.#data[c] as readonly HeldRecord[];
				if (entry.done >= records.length) break;
				const end = Math.min(records.length, entry.done + slice);
				for (let i = entry.done; i < end; i++) entry.map.set(records[i].id, i);
				entry.done = end;
				await pause();
			}
		}
	}

	#entry(collection: CollectionName): { map: Map<string, number>; done: number } {
		let entry = this.#positions.get(collection);
		if (!entry) {
			entry = { map: new Map(), done: 0 };
			this.#positions.set(collection, entry);
		}
		return entry;
	}

	#complete(collection: CollectionName): Map<string, number> {
		const entry = this.#entry(collection);
		const records = this.#data[collection] as readonly HeldRecord[];
		for (let i = entry.done; i < records.length; i++) entry.map.set(records[i].id, i);
		entry.done = records.length;
		return entry.map;
	}

	/**
	 * A record's position, or undefined. Records are never moved (a delete leaves a
	 * tombstone, new ones are appended), so one past the positions made so far is found by
	 * scanning the rest: one scan of 500,000 ids cost 4–10 ms warm (56 ms the first time)
	 * in Node, making their map entries 258 ms.
	 */
	#positionOf(collection: CollectionName, id: string): number | undefined {
		const entry = this.#entry(collection);
		const at = entry.map.get(id);
		if (at !== undefined) return at;
		const records = this.#data[collection] as readonly HeldRecord[];
		for (let i = entry.done; i < records.length; i++) if (records[i].id === id) return i;
		return undefined;
	}

	/**
	 * Applies changes in order (the last state of a record wins) and answers the collections
	 * that changed; the snapshot is a new object when any did. An unknown record is appended.
	 */
	apply(changes: readonly RecordChange[]): CollectionName[] {
		const next = new Map<CollectionName, HeldRecord[]>();
		const applied: AppliedChange[] = [];
		// Many changes to a collection (a sync batch) make its positions at once rather than
		// scan for each; a few (an edit) scan past the positions made so far.
		const counts = new Map<CollectionName, number>();
		for (const { collection } of changes) counts.set(collection, (counts.get(collection) ?? 0) + 1);
		for (const [c, n] of counts) if (n > SCANNED_CHANGES) this.#complete(c);
		for (const { collection, record } of changes) {
			let arr = next.get(collection);
			if (!arr) {
				arr = (this.#data[collection] as readonly HeldRecord[]).slice();
				next.set(collection, arr);
			}
			const positions = this.#entry(collection).map;
			// Scans the array being built, so a record appended earlier in this batch is found.
			let at = positions.get(record.id);
			if (at === undefined) {
				for (let i = this.#entry(collection).done; i < arr.length; i++)
					if (arr[i].id === record.id) {
						at = i;
						break;
					}
			}
			if (at === undefined) {
				positions.set(record.id, arr.length);
				arr.push(record);
				applied.push({ collection, after: record });
			} else {
				applied.push({ collection, before: arr[at], after: record });
				arr[at] = record;
			}
		}
		if (next.size === 0) return [];
		const previous = this.#data;
		this.#data = { ...this.#data, ...Object.fromEntries(next) } as Dataset;
		this.#steps.set(this.#data, { previous, changes: applied });
		this.#version++;
		return [...next.keys()];
	}
}
