/**
 * The report worker's own view of the device's records: it opens the user's RxDB database
 * on the same Dexie storage and name as the page (as another tab would, `multiInstance`,
 * no replication), reads every collection once and then follows RxDB's change events,
 * which carry writes of this page, of other tabs and of sync alike. The page never
 * handles the records, so it stays responsive while the worker loads them.
 */
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTIONS, type CollectionName } from '$lib/domain/collections';
import { rxSchemaFor } from '$lib/domain/rx-schema';
import { DeltaDataset, type HeldRecord, type RecordChange } from './deltas';

export interface SourceEvents {
	/** A new snapshot: after the first load, then after each batch of changes. */
	changed(changed: readonly CollectionName[]): void;
}

/** RxDB's Dexie table of a collection (`rxdb-dexie-<db>--<schema version>--<collection>`). */
function dexieName(db: string, version: number, collection: string): string {
	return `rxdb-dexie-${db}--${version}--${collection}`;
}

function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((ok, fail) => {
		req.onsuccess = () => ok(req.result);
		req.onerror = () => fail(req.error);
	});
}

/**
 * Every live record of a collection straight from its IndexedDB store with `getAll` in
 * pages: RxDB's own query walks a cursor one document per request, several times slower
 * at 500,000 documents. RxDB stores `_deleted` as '0'/'1' (IndexedDB cannot index
 * booleans); tombstones are skipped and live records get `_deleted: false`.
 */
async function readStore(name: string): Promise<HeldRecord[]> {
	const idb = await new Promise<IDBDatabase>((ok, fail) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => ok(req.result);
		req.onerror = () => fail(req.error);
		// Never create a store RxDB has not: abort an upgrade (the database is missing).
		req.onupgradeneeded = () => req.transaction?.abort();
	});
	try {
		const out: HeldRecord[] = [];
		const PAGE = 50_000;
		let after: IDBValidKey | undefined;
		for (;;) {
			const store = idb.transaction('docs', 'readonly').objectStore('docs');
			const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
			const rows = (await idbRequest(store.getAll(range, PAGE))) as Record<string, unknown>[];
			for (const row of rows) {
				if (row._deleted === '1' || row._deleted === true) continue;
				row._deleted = false;
				out.push(row as unknown as HeldRecord);
			}
			if (rows.length < PAGE) return out;
			after = (rows[rows.length - 1] as { id: string }).id;
		}
	} finally {
		idb.close();
	}
}

/** A record as RxDB hands it over in a change event, in the worker's form. */
function heldFrom(doc: Record<string, unknown>, deleted: boolean): HeldRecord {
	const { _meta, _rev, _attachments, ...rest } = doc;
	void _meta;
	void _rev;
	void _attachments;
	return { ...(rest as unknown as HeldRecord), _deleted: deleted };
}

export class RxdbSource {
	readonly dataset = new DeltaDataset();
	#db: RxDatabase | undefined;
	#pending: RecordChange[] = [];
	#loaded = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#closed = false;
	timings: { openMs: number; readMs: number; records: number } | undefined;

	constructor(
		private readonly databaseName: string,
		private readonly events: SourceEvents,
		private readonly collections: readonly CollectionName[] = COLLECTIONS
	) {}

	/** Opens the database, subscribes to changes, then reads every collection. */
	async open(): Promise<void> {
		const started = performance.now();
		const db = await createRxDatabase({
			name: this.databaseName,
			storage: getRxStorageDexie(),
			multiInstance: true,
			eventReduce: true,
			closeDuplicates: true
		});
		this.#db = db;
		if (this.#closed) return void (await db.close());
		await db.addCollections(
			Object.fromEntries(
				this.collections.map((name) => [name, { schema: rxSchemaFor(name) }])
			) as never
		);
		// Subscribe before reading: a change during the read is applied after it (applying a
		// record's latest state twice is harmless).
		for (const name of this.collections) {
			db.collections[name].eventBulks$.subscribe((bulk) => {
				for (const e of bulk.events) {
					const doc = e.documentData as unknown as Record<string, unknown>;
					this.#pending.push({
						collection: name,
						record: heldFrom(doc, e.operation === 'DELETE' || doc._deleted === true)
					});
				}
				this.#schedule();
			});
		}
		const version = db.collections[this.collections[0]].schema.version;
		const opened = performance.now();
		const loaded = await Promise.all(
			this.collections.map((c) => readStore(dexieName(this.databaseName, version, c)))
		);
		this.collections.forEach((c, i) => this.dataset.load(c, loaded[i]));
		this.timings = {
			openMs: opened - started,
			readMs: performance.now() - opened,
			records: loaded.reduce((n, r) => n + r.length, 0)
		};
		this.#loaded = true;
		this.events.changed(this.collections);
		if (this.#pending.length) this.#flush();
	}

	/** Changes that arrive together (a sync batch, one save) make one snapshot. */
	#schedule(): void {
		if (!this.#loaded || this.#timer !== undefined) return;
		this.#timer = setTimeout(() => this.#flush(), 0);
	}

	#flush(): void {
		this.#timer = undefined;
		const changes = this.#pending;
		this.#pending = [];
		const changed = this.dataset.apply(changes);
		if (changed.length) this.events.changed(changed);
	}

	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		await this.#db?.close();
	}
}
