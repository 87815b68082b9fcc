/**
 * The version of the records on the device, cheap enough to read before anything else: per
 * collection, the last key of RxDB's `[_meta.lwt+id]` index (the latest write stamp and its
 * document's id; `null` for an empty table). Every write RxDB makes, a delete too, stamps a
 * new `_meta.lwt` (tombstones are kept: no cleanup plugin), so a table whose last key is the
 * same has had no write stamped later.
 *
 * A write stamped earlier than the last one may still commit after it (RxDB stamps before
 * its transaction runs), so the version alone does not prove that nothing changed. Figures
 * computed on records whose latest write is `SETTLE_MS` old or more are **settled**: every
 * write stamped before it has been applied (the same assumption as the worker's snapshot
 * checkpoint, `SNAPSHOT_MARGIN_MS`). Figures computed on a settled version, read again
 * later when every table's last key is unchanged, describe the records as they are then.
 *
 * Used by the page (to show the last visit's figures as fresh at once) and by the worker
 * (to label what it holds); both must spell the version the same way (`formatVersion`).
 */

/** The last key of a table's `[_meta.lwt+id]` index, or null when it has no document. */
export type LastKey = readonly [lwt: number, id: string] | null;

/** Writes stamped this long before the latest one have been applied (see the header). */
export const SETTLE_MS = 10_000;

/** RxDB's Dexie table of a collection (`rxdb-dexie-<db>--<schema version>--<collection>`). */
export function dexieName(db: string, version: number, collection: string): string {
	return `rxdb-dexie-${db}--${version}--${collection}`;
}

/** Orders keys as IndexedDB does for `[number, string]` arrays (null first). */
export function compareKeys(a: LastKey, b: LastKey): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
	if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** The version of the records: every collection's last key, in the order given. */
export function formatVersion(
	collections: readonly string[],
	keys: ReadonlyMap<string, LastKey>
): string {
	return JSON.stringify(collections.map((c) => [c, keys.get(c) ?? null]));
}

/** The latest write stamp among the keys (0 when every table is empty). */
export function latestStamp(keys: Iterable<LastKey>): number {
	let t = 0;
	for (const k of keys) if (k && k[0] > t) t = k[0];
	return t;
}

/** What the worker tells the page about the records it holds, with every state. */
export interface DataVersion {
	/** `formatVersion` of the records held. */
	version: string;
	/** The latest write stamp among them (epoch ms): settled `SETTLE_MS` after it. */
	lwt: number;
}

/** The largest key seen per collection, kept by the worker as it reads and applies records. */
export class LastKeys {
	readonly #keys = new Map<string, LastKey>();

	constructor(private readonly collections: readonly string[]) {}

	/** A document read or written: its `_meta.lwt` and id. */
	see(collection: string, lwt: number, id: string): void {
		const key: LastKey = [lwt, id];
		if (compareKeys(key, this.#keys.get(collection) ?? null) > 0) this.#keys.set(collection, key);
	}

	/** A table's last key read from IndexedDB (the catch-up's transaction). */
	seeKey(collection: string, key: LastKey): void {
		if (key) this.see(collection, key[0], key[1]);
	}

	get(): DataVersion {
		return {
			version: formatVersion(this.collections, this.#keys),
			lwt: latestStamp(this.#keys.values())
		};
	}
}

/** The last key of an open `[_meta.lwt+id]` index (one cursor step from the end). */
export function requestLastKey(index: IDBIndex): Promise<LastKey> {
	return new Promise((ok, fail) => {
		const req = index.openKeyCursor(null, 'prev');
		req.onsuccess = () => {
			const key = req.result?.key as [number, string] | undefined;
			ok(Array.isArray(key) && typeof key[0] === 'number' ? [key[0], String(key[1])] : null);
		};
		req.onerror = () => fail(req.error);
	});
}

/** Opens an existing IndexedDB database; fails (creating nothing) when it does not exist. */
export function openExisting(name: string): Promise<IDBDatabase> {
	return new Promise<IDBDatabase>((ok, fail) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => ok(req.result);
		req.onerror = () => fail(req.error ?? new Error(`${name} could not be opened`));
		// Never create a store RxDB has not: abort an upgrade (the database is missing).
		req.onupgradeneeded = () => req.transaction?.abort();
	});
}

/**
 * The version of the records in RxDB's Dexie tables (`table(collection)` names each), read
 * straight from IndexedDB: one database open and one cursor step per collection. Undefined
 * when a table cannot be read (missing, no such index, no IndexedDB).
 */
export async function readDataVersion(
	collections: readonly string[],
	table: (collection: string) => string
): Promise<DataVersion | undefined> {
	if (typeof indexedDB === 'undefined') return undefined;
	try {
		const keys = new Map<string, LastKey>();
		await Promise.all(
			collections.map(async (c) => {
				const idb = await openExisting(table(c));
				try {
					const index = idb
						.transaction('docs', 'readonly')
						.objectStore('docs')
						.index('[_meta.lwt+id]');
					keys.set(c, await requestLastKey(index));
				} finally {
					idb.close();
				}
			})
		);
		return { version: formatVersion(collections, keys), lwt: latestStamp(keys.values()) };
	} catch {
		return undefined;
	}
}
