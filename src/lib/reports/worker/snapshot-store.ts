/**
 * The report worker's snapshot of the records: per user database and collection, the live
 * records in columns (`snapshot-codec.ts`) and the RxDB checkpoint they were taken at (the
 * largest `_meta.lwt` among them), in a small IndexedDB database of its own. A cold start
 * reads it instead of every document of RxDB's tables, then catches up with the documents
 * written since (`rxdb-source.ts`). A snapshot of another user database, format or schema,
 * or one that does not decode, is ignored (the worker then reads the collection in full).
 */
import { rememberStoredColumns } from '../stored-columns';
import { idbObjectStore } from './idb-store';
import { decodeRecords, RecordsEncoder, type Column } from './snapshot-codec';
import type { HeldRecord } from './deltas';

/** Bump when the stored shape changes: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 2;

export interface StoredSnapshot {
	format: number;
	db: string;
	collection: string;
	/** A fingerprint of the collection's RxDB schema (`schemaFingerprint`). */
	schema: string;
	/** RxDB's storage token of the database: a database removed and made again has another. */
	token: string;
	/** The largest `_meta.lwt` of the records in it: catch up from here. */
	lwt: number;
	/** When it was written (epoch ms). */
	savedAt: number;
	records: Column;
}

/** Where snapshots live: `idbSnapshotStore()` in the browser, fake-indexeddb or a map in tests. */
export interface SnapshotStore {
	get(db: string, collection: string): Promise<unknown>;
	put(db: string, collection: string, value: StoredSnapshot): Promise<void>;
}

/** A short, stable digest of a schema (FNV-1a over its JSON), to tell schema versions apart. */
export function schemaFingerprint(schema: unknown): string {
	const text = JSON.stringify(schema);
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return `${text.length}-${(h >>> 0).toString(36)}`;
}

/** What the worker expects of a collection's snapshot. */
export interface SnapshotKey {
	db: string;
	collection: string;
	schema: string;
	token: string;
}

/**
 * The records and checkpoint of a stored snapshot, or undefined when there is none, it
 * belongs to another database, collection, format or schema (or storage token, when
 * `key` names one), or it does not decode.
 */
export function readSnapshot(
	raw: unknown,
	key: Omit<SnapshotKey, 'token'> & { token?: string }
): { records: HeldRecord[]; lwt: number } | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const s = raw as Partial<StoredSnapshot>;
	if (
		s.format !== SNAPSHOT_FORMAT ||
		s.db !== key.db ||
		s.collection !== key.collection ||
		s.schema !== key.schema ||
		typeof s.token !== 'string' ||
		(key.token !== undefined && s.token !== key.token) ||
		typeof s.lwt !== 'number' ||
		!Number.isFinite(s.lwt) ||
		!s.records
	)
		return undefined;
	try {
		const records = decodeRecords<HeldRecord>(s.records);
		for (const r of records) if (typeof r?.id !== 'string') return undefined;
		// The reports read their columns from these instead of from every record.
		rememberStoredColumns(key.collection, records, s.records);
		return { records, lwt: s.lwt };
	} catch {
		return undefined;
	}
}

/** Yields to the event loop (so change events and requests are handled between chunks). */
const pause = () => new Promise<void>((ok) => setTimeout(ok, 0));

/**
 * Encodes the live records of `records` in chunks of `chunk`, yielding between them, so a
 * worker stays responsive while it writes a snapshot of 500,000 records.
 */
export async function encodeSnapshot(
	key: SnapshotKey,
	records: readonly HeldRecord[],
	lwt: number,
	{ chunk = 10_000, yieldFn = pause, now = Date.now } = {}
): Promise<StoredSnapshot> {
	const enc = new RecordsEncoder();
	const live: HeldRecord[] = [];
	for (let i = 0; i < records.length; i += chunk) {
		live.length = 0;
		const end = Math.min(records.length, i + chunk);
		for (let j = i; j < end; j++) if (records[j]._deleted !== true) live.push(records[j]);
		enc.add(live);
		if (end < records.length) await yieldFn();
	}
	return {
		format: SNAPSHOT_FORMAT,
		db: key.db,
		collection: key.collection,
		schema: key.schema,
		token: key.token,
		lwt,
		savedAt: now(),
		records: enc.finish()
	};
}

/** The snapshots' own IndexedDB database: one object store keyed by [database, collection]. */
export function idbSnapshotStore(name = 'fieldbook-report-snapshot'): SnapshotStore | undefined {
	const run = idbObjectStore(name, 'collections');
	if (!run) return undefined;
	return {
		get: (db, collection) => run('readonly', (s) => s.get([db, collection])),
		put: async (db, collection, value) =>
			void (await run('readwrite', (s) => s.put(value, [db, collection])))
	};
}
