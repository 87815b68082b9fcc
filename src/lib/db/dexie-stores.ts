/**
 * The IndexedDB indexes RxDB's Dexie storage declares, less those nothing here reads.
 *
 * Every index costs each write one more IndexedDB entry, and a first sync or a bulk insert
 * writes every record twice (the document, then the replication's meta entry). RxDB's
 * Dexie storage always declares, besides the schema's indexes:
 * - `_meta.lwt` on every table: read only by the storage's `cleanup()`, which runs only
 *   with RxDB's cleanup plugin (not used: tombstones stay, the server's merge needs them);
 * - `[_deleted+id]` and `[_meta.lwt+id]` on the replication meta tables too, whose entries
 *   are only ever read by id (`findDocumentsById`: assumed master states, checkpoints).
 * The documents' `[_deleted+id]` stays (the reports worker counts live records with it),
 * and so does `[_meta.lwt+id]` (changes since a checkpoint: push, waiting count, reports).
 *
 * Dexie version 2 declares the trimmed stores: a database made by version 1 (RxDB's own
 * declaration) is upgraded in place, Dexie deleting the dropped indexes and keeping every
 * record; a build that still declares version 1 opens a version-2 database too (Dexie
 * opens the installed version and adds back the index it misses).
 */
import type Dexie from 'dexie';

/** The Dexie version declared for RxDB's tables (RxDB itself declares 1). */
export const DEXIE_STORES_VERSION = 2;

/** Whether the Dexie database (`rxdb-dexie-<db>--<version>--<collection>`) holds replication meta. */
export function isReplicationMeta(dexieDbName: string): boolean {
	return /--rx-replication-meta-[^-]*$/.test(dexieDbName);
}

/** One table's Dexie schema ('id, [a+b], c') without the indexes nothing reads. */
export function trimTableSchema(schema: string, meta: boolean): string {
	const [primary, ...indexes] = schema.split(',').map((s) => s.trim());
	const kept = meta ? [] : indexes.filter((index) => index !== '_meta.lwt');
	return [primary, ...kept].join(', ');
}

/** RxDB's Dexie stores declaration with the `docs` table trimmed. */
export function trimStores(
	dexieDbName: string,
	stores: Record<string, string>
): Record<string, string> {
	const docs = stores.docs;
	if (docs === undefined) return stores;
	return { ...stores, docs: trimTableSchema(docs, isReplicationMeta(dexieDbName)) };
}

/**
 * Makes `db` (before it opens) declare the trimmed stores as version 2 when RxDB declares
 * version 1. Call from the storage's `onCreate`.
 */
export function declareTrimmedStores(db: Dexie, dexieDbName: string): void {
	const version = db.version.bind(db);
	db.version = ((n: number) => {
		const declared = version(n === 1 ? DEXIE_STORES_VERSION : n);
		const stores = declared.stores.bind(declared);
		declared.stores = (schema) =>
			stores(trimStores(dexieDbName, schema as Record<string, string>) as never);
		return declared;
	}) as typeof db.version;
}
