/**
 * The report worker's own view of the device's records: it opens the user's RxDB database
 * on the same Dexie storage and name as the page (as another tab would, `multiInstance`,
 * no replication), loads every collection once and then follows RxDB's change events,
 * which carry writes of this page, of other tabs and of sync alike. The page never
 * handles the records, so it stays responsive while the worker loads them.
 *
 * Loading: a collection with a usable snapshot (`snapshot-store.ts`) is decoded from it,
 * then caught up with the documents written after its checkpoint (RxDB's `[_meta.lwt+id]`
 * index; every write, a delete too, stamps a new `lwt`, and RxDB keeps tombstones: no
 * cleanup plugin). A collection without one is read in full. (Counting the live documents
 * to cross-check was tried: 4 s for 500,000 index entries in Chromium, so it is not done;
 * a database removed and made again has another storage token, which the snapshot keeps.)
 *
 * The checkpoint: RxDB stamps `_meta.lwt` before its write transaction runs, so a write
 * stamped earlier than another can commit after it, and the largest `lwt` seen is not
 * safe on its own. A snapshot taken at time T holds every write stamped before
 * T − `SNAPSHOT_MARGIN_MS` (stamp, commit and change event take far less), so its
 * checkpoint is the smaller of the two: after a quiet spell the largest `lwt` seen (nothing
 * to catch up), after recent writes only those of the last `SNAPSHOT_MARGIN_MS`.
 * Snapshots are written in idle time: 0.5 s after the load (a visit may be short: a page
 * closed while the snapshot is written leaves the rest unwritten), the largest collection
 * first, and `SNAPSHOT_DELAY_MS` after the last change (rewriting 500,000 orders costs
 * seconds of the worker's time, while catching up a few hundred documents costs little).
 */
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { createStorage } from '$lib/db/storage';
import { COLLECTIONS, type CollectionName } from '$lib/domain/collection-names';
import { RX_SCHEMAS } from '$lib/domain/rx-schemas.generated';
import {
	dexieName,
	LastKeys,
	openExisting,
	requestLastKey,
	type DataVersion,
	type LastKey
} from './data-version';
import { DeltaDataset, type HeldRecord, type RecordChange } from './deltas';
import {
	encodeSnapshot,
	readSnapshot,
	schemaFingerprint,
	type SnapshotKey,
	type SnapshotStore
} from './snapshot-store';

export interface SourceEvents {
	/** A new snapshot: after the first load, then after each batch of changes. */
	changed(changed: readonly CollectionName[]): void;
}

export interface RxdbSourceOptions {
	/** Where the worker keeps its snapshot of the records; none: always read in full. */
	snapshots?: SnapshotStore;
	/** Idle time after the last change before the snapshot is written again (Infinity: never by itself). */
	snapshotDelayMs?: number;
	/** Time after the load before the first snapshot is written (Infinity: never by itself). */
	firstSnapshotDelayMs?: number;
	/** The longest a write may take from its `lwt` stamp to its change event (`SNAPSHOT_MARGIN_MS`). */
	marginMs?: number;
}

/** How the first load went (sent to the page with the first state; benchmarks read it). */
export interface LoadTimings {
	/** When the worker started opening (epoch ms, comparable with the page's clock). */
	startedAt?: number;
	openMs: number;
	/** From the database being open to every collection held. */
	readMs: number;
	records: number;
	/**
	 * From the start to every snapshot read and decoded (alongside RxDB's open), the time
	 * spent decoding, and the documents caught up from RxDB.
	 */
	snapshot?: {
		getMs: number;
		decodeMs: number;
		/** The longest catch-up of a collection (its read and applying it). */
		catchUpMs: number;
		caughtUp: number;
		fromSnapshot: number;
		readInFull: number;
		/** Why each collection read in full was (`orders: no snapshot`). */
		reasons: string[];
	};
}

/** Catch up from this long before a snapshot's checkpoint (see the header). */
export const SNAPSHOT_MARGIN_MS = 10_000;
export const SNAPSHOT_DELAY_MS = 60_000;

export { dexieName };

function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((ok, fail) => {
		req.onsuccess = () => ok(req.result);
		req.onerror = () => fail(req.error);
	});
}

function lwtOf(row: Record<string, unknown>): number {
	const lwt = (row._meta as { lwt?: unknown } | undefined)?.lwt;
	return typeof lwt === 'number' ? lwt : 0;
}

/**
 * Every live record of a collection straight from its IndexedDB store with `getAll` in
 * pages: RxDB's own query walks a cursor one document per request, several times slower
 * at 500,000 documents. RxDB stores `_deleted` as '0'/'1' (IndexedDB cannot index
 * booleans); tombstones are skipped and live records get `_deleted: false`. Also answers
 * the largest `_meta.lwt` read (tombstones included), the checkpoint of what was read.
 */
export async function readStore(
	name: string
): Promise<{ records: HeldRecord[]; lwt: number; last: LastKey }> {
	const idb = await openExisting(name);
	try {
		const out: HeldRecord[] = [];
		let lwt = 0;
		let lastId: string | undefined;
		const PAGE = 50_000;
		let after: IDBValidKey | undefined;
		for (;;) {
			const store = idb.transaction('docs', 'readonly').objectStore('docs');
			const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
			const rows = (await idbRequest(store.getAll(range, PAGE))) as Record<string, unknown>[];
			for (const row of rows) {
				const t = lwtOf(row);
				if (t > lwt || (t === lwt && (lastId === undefined || (row.id as string) > lastId))) {
					lwt = t;
					lastId = row.id as string;
				}
				if (row._deleted === '1' || row._deleted === true) continue;
				row._deleted = false;
				out.push(row as unknown as HeldRecord);
			}
			if (rows.length < PAGE)
				return { records: out, lwt, last: lastId === undefined ? null : [lwt, lastId] };
			after = (rows[rows.length - 1] as { id: string }).id;
		}
	} finally {
		idb.close();
	}
}

/**
 * The documents of a collection written after `from` (`_meta.lwt`, tombstones included),
 * through RxDB's `[_meta.lwt+id]` index, and the index's last key, in one transaction.
 */
export async function readChangedSince(
	name: string,
	from: number
): Promise<{ rows: Record<string, unknown>[]; last: LastKey }> {
	const idb = await openExisting(name);
	try {
		const index = idb.transaction('docs', 'readonly').objectStore('docs').index('[_meta.lwt+id]');
		const last = requestLastKey(index);
		// After `from`: every key [from, id] sorts before [from, []] (strings before arrays).
		const rows = await idbRequest(index.getAll(IDBKeyRange.lowerBound([from, []], true)));
		return { rows: rows as Record<string, unknown>[], last: await last };
	} finally {
		idb.close();
	}
}

/** A record as RxDB hands it over (change event or Dexie row), in the worker's form. */
function heldFrom(doc: Record<string, unknown>, deleted: boolean): HeldRecord {
	const { _meta, _rev, _attachments, ...rest } = doc;
	void _meta;
	void _rev;
	void _attachments;
	return { ...(rest as unknown as HeldRecord), _deleted: deleted };
}

function liveCount(records: readonly HeldRecord[]): number {
	let n = 0;
	for (let i = 0; i < records.length; i++) if (records[i]._deleted !== true) n++;
	return n;
}

export class RxdbSource {
	readonly dataset = new DeltaDataset();
	#db: RxDatabase | undefined;
	#pending: RecordChange[] = [];
	/** The pending changes' `_meta.lwt` and id, counted in the version once applied. */
	#pendingKeys: [CollectionName, number, string][] = [];
	/** The last `[_meta.lwt+id]` key of each collection's records held. */
	#keys: LastKeys;
	/** The largest `_meta.lwt` of each collection's pending changes. */
	#pendingLwt = new Map<CollectionName, number>();
	/** The largest `_meta.lwt` among the records held: the checkpoint of a snapshot. */
	#lwt = new Map<CollectionName, number>();
	/** Changes held but not in the stored snapshot yet (Infinity: none stored). */
	#unsaved = new Map<CollectionName, number>();
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	#saving: Promise<void> | undefined;
	#version = 0;
	#token = '';
	#loaded = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#closed = false;
	timings: LoadTimings | undefined;
	/** When the first change of the latest snapshot arrived and when it was applied (epoch ms). */
	lastChange: { eventAt: number; appliedAt: number } | undefined;
	#eventAt: number | undefined;

	constructor(
		private readonly databaseName: string,
		private readonly events: SourceEvents,
		private readonly collections: readonly CollectionName[] = COLLECTIONS,
		private readonly options: RxdbSourceOptions = {}
	) {
		this.#keys = new LastKeys(collections);
	}

	/** The version of the records held (`data-version.ts`). */
	get dataVersion(): DataVersion {
		return this.#keys.get();
	}

	#key(collection: CollectionName): SnapshotKey {
		return {
			db: this.databaseName,
			collection,
			schema: `${RX_SCHEMAS[collection].version}:${schemaFingerprint(RX_SCHEMAS[collection])}`,
			token: this.#token
		};
	}

	/** Opens the database, subscribes to changes, then loads every collection. */
	async open(): Promise<void> {
		const started = performance.now();
		const store = this.options.snapshots;
		const snapshot = {
			getMs: 0,
			decodeMs: 0,
			catchUpMs: 0,
			caughtUp: 0,
			fromSnapshot: 0,
			readInFull: 0,
			reasons: [] as string[]
		};
		// The snapshots are read and decoded while RxDB opens (they do not need it); their
		// storage token is compared once the database is open.
		const decoded = this.collections.map(async (c) => {
			const raw = store ? await store.get(this.databaseName, c).catch(() => undefined) : undefined;
			if (!raw) return undefined;
			const t = performance.now();
			// The storage token is not known yet: compared below.
			const snap = readSnapshot(raw, { ...this.#key(c), token: undefined });
			snapshot.decodeMs += performance.now() - t;
			return snap ? { ...snap, token: (raw as { token?: unknown }).token } : null;
		});
		const db = await createRxDatabase({
			name: this.databaseName,
			// The app's own Dexie storage, so both declare the same tables and indexes.
			storage: await createStorage('dexie'),
			multiInstance: true,
			eventReduce: true,
			closeDuplicates: true
		});
		this.#db = db;
		if (this.#closed) return void (await db.close());
		await db.addCollections(
			Object.fromEntries(
				this.collections.map((name) => [name, { schema: structuredClone(RX_SCHEMAS[name]) }])
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
					const t = lwtOf(doc);
					if (t > (this.#pendingLwt.get(name) ?? 0)) this.#pendingLwt.set(name, t);
					this.#pendingKeys.push([name, t, String(doc.id)]);
				}
				this.#eventAt ??= performance.timeOrigin + performance.now();
				this.#schedule();
			});
		}
		this.#version = db.collections[this.collections[0]].schema.version;
		this.#token = await db.storageToken;
		const opened = performance.now();
		const snaps = await Promise.all(decoded);
		snapshot.getMs = performance.now() - started;
		const table = (c: CollectionName) => dexieName(this.databaseName, this.#version, c);
		const loads = this.collections.map(async (c, i) => {
			const snap = snaps[i];
			let reason = snap === undefined ? 'no snapshot' : 'snapshot not usable';
			if (snap && snap.token !== this.#token) reason = 'snapshot of another storage token';
			else if (snap) {
				try {
					const waited = performance.now();
					const { rows, last } = await readChangedSince(table(c), snap.lwt);
					this.#keys.seeKey(c, last);
					this.dataset.load(c, snap.records);
					let lwt = snap.lwt;
					const changes = rows.map((row) => {
						const t = lwtOf(row);
						if (t > lwt) lwt = t;
						return { collection: c, record: heldFrom(row, row._deleted === '1') };
					});
					this.dataset.apply(changes);
					snapshot.catchUpMs = Math.max(snapshot.catchUpMs, performance.now() - waited);
					this.#lwt.set(c, lwt);
					this.#unsaved.set(c, rows.length);
					snapshot.caughtUp += rows.length;
					snapshot.fromSnapshot++;
					return;
				} catch (e) {
					// No index to catch up with: read in full.
					reason = `catch-up failed: ${e instanceof Error ? e.message : String(e)}`;
				}
			}
			const { records, lwt, last } = await readStore(table(c));
			this.#keys.seeKey(c, last);
			this.dataset.load(c, records);
			this.#lwt.set(c, lwt);
			this.#unsaved.set(c, Infinity);
			snapshot.readInFull++;
			snapshot.reasons.push(`${c}: ${reason}`);
		});
		await Promise.all(loads);
		if (this.#closed) return;
		this.timings = {
			startedAt: performance.timeOrigin + started,
			openMs: opened - started,
			readMs: performance.now() - opened,
			records: this.collections.reduce(
				(n, c) => n + liveCount(this.dataset.data[c] as readonly HeldRecord[]),
				0
			),
			snapshot: store ? snapshot : undefined
		};
		this.#loaded = true;
		this.events.changed(this.collections);
		if (this.#pending.length) this.#flush();
		// Positions by id, for applying changes, once the first figures are computed.
		setTimeout(() => void this.dataset.indexInSlices(), 1_500);
		this.#scheduleSave(this.options.firstSnapshotDelayMs ?? 500);
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
		for (const [c, t] of this.#pendingLwt) {
			if (t > (this.#lwt.get(c) ?? 0)) this.#lwt.set(c, t);
		}
		this.#pendingLwt.clear();
		for (const [c, t, id] of this.#pendingKeys) this.#keys.see(c, t, id);
		this.#pendingKeys = [];
		for (const { collection } of changes)
			this.#unsaved.set(collection, (this.#unsaved.get(collection) ?? 0) + 1);
		const eventAt = this.#eventAt;
		this.#eventAt = undefined;
		const changed = this.dataset.apply(changes);
		if (eventAt !== undefined)
			this.lastChange = { eventAt, appliedAt: performance.timeOrigin + performance.now() };
		if (changed.length) this.events.changed(changed);
		if (changes.length) this.#scheduleSave(this.options.snapshotDelayMs ?? SNAPSHOT_DELAY_MS);
	}

	/** Writes the snapshot `delayMs` after the last call (debounced), unless one is being written. */
	#scheduleSave(delayMs: number): void {
		if (!this.options.snapshots || this.#closed || !Number.isFinite(delayMs)) return;
		if (this.#saveTimer !== undefined) clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => {
			this.#saveTimer = undefined;
			if (this.#saving) return void this.#saving.then(() => this.#scheduleSave(delayMs));
			this.#saving = this.saveSnapshot().finally(() => (this.#saving = undefined));
		}, delayMs);
	}

	/**
	 * Writes the snapshot of every collection with changes not in the stored one; the
	 * records and checkpoint are taken together, so later changes are caught up next time.
	 */
	async saveSnapshot(): Promise<void> {
		const store = this.options.snapshots;
		if (!store) return;
		// The largest first: it is the one most worth not reading in full next time.
		const bySize = [...this.collections].sort(
			(a, b) => this.dataset.data[b].length - this.dataset.data[a].length
		);
		for (const c of bySize) {
			if (this.#closed) return;
			const unsaved = this.#unsaved.get(c) ?? 0;
			if (unsaved === 0) continue;
			const records = this.dataset.data[c] as readonly HeldRecord[];
			const lwt = Math.min(
				this.#lwt.get(c) ?? 0,
				Date.now() - (this.options.marginMs ?? SNAPSHOT_MARGIN_MS)
			);
			this.#unsaved.set(c, 0);
			try {
				const value = await encodeSnapshot(this.#key(c), records, lwt);
				if (this.#closed) return;
				await store.put(this.databaseName, c, value);
			} catch {
				// Full, private mode, …: a snapshot is only a head start; try again after the next change.
				this.#unsaved.set(c, (this.#unsaved.get(c) ?? 0) + unsaved);
			}
		}
	}

	async close(): Promise<void> {
		this.#closed = true;
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		if (this.#saveTimer !== undefined) clearTimeout(this.#saveTimer);
		await this.#db?.close();
	}
}
