/**
 * The IndexedDB indexes RxDB's Dexie storage declares, less those nothing here reads.
 *
 * Every index costs each write one more IndexedDB entry, and a first sync or a bulk insert
 * writes every record twice (the document, then the replication's meta entry). RxDB's
 * Dexie storage always declares, besides the schema's indexes:
 * - `_meta.lwt` on every table: read only by the storage's `cleanup()`, which runs only
 *   with RxDB's cleanup plugin (not used: tombstones stay, the server's merge needs them);
 * - `[_deleted+id]` on every table: RxDB plans a query on it only for a collection whose
 *   schema declares no index (ours all declare some; a plan that still picks it is made
 *   again, see below), and the Dexie storage reads by id through the primary key;
 * - `[_meta.lwt+id]` on the replication meta tables too, whose entries are only ever read
 *   by id (`findDocumentsById`: assumed master states, checkpoints).
 * The documents' `[_meta.lwt+id]` stays (changes since a checkpoint: push, waiting count,
 * reports).
 * Schema indexes no page queries are dropped too (`UNREAD_SCHEMA_INDEXES`): they stay in the
 * RxDB schema, whose hash every device has stored (changing it means a schema version and
 * a migration of every record), but IndexedDB no longer keeps them, and a query RxDB plans
 * on one is planned again without it (`planAroundDroppedIndexes`), so it still answers.
 *
 * Dexie version 3 declares the trimmed stores: a database made by version 1 (RxDB's own
 * declaration) or 2 (which still kept the customers' owner index) is upgraded in place, Dexie
 * deleting the dropped indexes and keeping every record; a build that still declares an
 * older version opens the newer database too (Dexie opens the installed version and adds
 * back the index it misses).
 */
import type Dexie from 'dexie';
import {
	getQueryPlan,
	type PreparedQuery,
	type RxDocumentData,
	type RxJsonSchema,
	type RxStorage
} from 'rxdb';
import { wrapInstances } from './wrap-storage';

/** The Dexie version declared for RxDB's tables (RxDB itself declares 1). */
export const DEXIE_STORES_VERSION = 3;

/**
 * Schema indexes (as RxDB completes them) that no query reads, by collection:
 * - customers by owner, declared for a per-rep list that the pages never made (managers'
 *   per-rep figures come from the reports worker);
 * - orders, services and visits by `updatedAt` alone: they are read by customer (detail
 *   pages, deletes) or whole (Today, which RxDB plans on the customer index), and by time
 *   only through `[_meta.lwt+id]` (push, waiting count, reports).
 * Each costs every write one more IndexedDB entry: ≈ 0.3 s on 20,000 customers (BENCHMARKS.md).
 */
export const UNREAD_SCHEMA_INDEXES: Readonly<Record<string, readonly (readonly string[])[]>> = {
	customers: [['_deleted', 'ownerId', 'updatedAt', 'id']],
	orders: [['_deleted', 'updatedAt', 'id']],
	services: [['_deleted', 'updatedAt', 'id']],
	visits: [['_deleted', 'updatedAt', 'id']]
};

/** Dexie's name of an index: the field itself, or `[a+b+c]` for a compound one. */
export function dexieIndexName(fields: readonly string[]): string {
	return fields.length === 1 ? fields[0] : `[${fields.join('+')}]`;
}

/** The Dexie indexes of one collection's documents that IndexedDB does not keep. */
export function unreadIndexes(collection: string): Set<string> {
	return new Set([
		'_meta.lwt',
		'[_deleted+id]',
		...(UNREAD_SCHEMA_INDEXES[collection] ?? []).map(dexieIndexName)
	]);
}

/** The collection of a Dexie database named `rxdb-dexie-<db>--<version>--<collection>`. */
export function collectionOf(dexieDbName: string): string {
	return dexieDbName.slice(dexieDbName.lastIndexOf('--') + 2);
}

/** Whether the Dexie database (`rxdb-dexie-<db>--<version>--<collection>`) holds replication meta. */
export function isReplicationMeta(dexieDbName: string): boolean {
	return /--rx-replication-meta-[^-]*$/.test(dexieDbName);
}

/** One collection's Dexie schema ('id, [a+b], c') without the indexes nothing reads. */
export function trimTableSchema(schema: string, meta: boolean, collection = ''): string {
	const [primary, ...indexes] = schema.split(',').map((s) => s.trim());
	const unread = unreadIndexes(collection);
	const kept = meta ? [] : indexes.filter((index) => !unread.has(index));
	return [primary, ...kept].join(', ');
}

/** RxDB's Dexie stores declaration with the `docs` table trimmed. */
export function trimStores(
	dexieDbName: string,
	stores: Record<string, string>
): Record<string, string> {
	const docs = stores.docs;
	if (docs === undefined) return stores;
	return {
		...stores,
		docs: trimTableSchema(docs, isReplicationMeta(dexieDbName), collectionOf(dexieDbName))
	};
}

/**
 * Makes `db` (before it opens) declare the trimmed stores as our version when RxDB declares
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

/**
 * A storage whose instances never run a query on a dropped index: RxDB plans queries on the
 * collection's schema, which still declares them, so a plan that picked one is made again
 * from the schema without the dropped indexes (same answer, read through another index).
 */
export function planAroundDroppedIndexes<I, S>(storage: RxStorage<I, S>): RxStorage<I, S> {
	return wrapInstances(storage, (instance, params) => {
		const schema = params.schema as RxJsonSchema<RxDocumentData<Record<string, unknown>>>;
		const unread = unreadIndexes(params.collectionName);
		const isUnread = (fields: string | readonly string[]) =>
			unread.has(dexieIndexName(typeof fields === 'string' ? [fields] : fields));
		const indexes = schema.indexes ?? [];
		const kept = indexes.filter((index) => !isUnread(index));
		if (kept.length === indexes.length) return;
		const planSchema = { ...schema, indexes: kept };
		const replan = (
			prepared: PreparedQuery<Record<string, unknown>>
		): PreparedQuery<Record<string, unknown>> =>
			isUnread(prepared.queryPlan.index)
				? { ...prepared, queryPlan: getQueryPlan(planSchema, prepared.query) }
				: prepared;
		const query = instance.query.bind(instance);
		const count = instance.count.bind(instance);
		instance.query = (prepared) => query(replan(prepared));
		instance.count = (prepared) => count(replan(prepared));
	});
}
