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

/** How far back `changesBetween` looks (snapshots), past which callers compute afresh. */
const MAX_STEPS = 32;

export class DeltaDataset {
	#data: Dataset = emptyDataset();
	/** Each snapshot made by `apply`: the one before it and the changes between them. */
	#steps = new WeakMap<Dataset, { previous: Dataset; changes: AppliedChange[] }>();
	/** Each collection's record positions by id, made on first need (`index`, `apply`). */
	#positions = new Map<CollectionName, Map<string, number>>();
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
	 * made later (`index`, or the first `apply`): 800,000 map entries cost a few hundred
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

	/** A record of the current snapshot by id (positions are made on first need). */
	find(collection: CollectionName, id: string): HeldRecord | undefined {
		const at = this.#positionsOf(collection).get(id);
		return at === undefined ? undefined : (this.#data[collection] as readonly HeldRecord[])[at];
	}

	/** Makes the positions by id of every collection that has none yet (call in idle time). */
	index(): void {
		for (const c of Object.keys(this.#data) as CollectionName[]) this.#positionsOf(c);
	}

	#positionsOf(collection: CollectionName): Map<string, number> {
		let positions = this.#positions.get(collection);
		if (!positions) {
			positions = new Map();
			const records = this.#data[collection] as readonly HeldRecord[];
			for (let i = 0; i < records.length; i++) positions.set(records[i].id, i);
			this.#positions.set(collection, positions);
		}
		return positions;
	}

	/**
	 * Applies changes in order (the last state of a record wins) and answers the collections
	 * that changed; the snapshot is a new object when any did. An unknown record is appended.
	 */
	apply(changes: readonly RecordChange[]): CollectionName[] {
		const next = new Map<CollectionName, HeldRecord[]>();
		const applied: AppliedChange[] = [];
		for (const { collection, record } of changes) {
			let arr = next.get(collection);
			if (!arr) {
				arr = (this.#data[collection] as readonly HeldRecord[]).slice();
				next.set(collection, arr);
			}
			const positions = this.#positionsOf(collection);
			const at = positions.get(record.id);
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
