/**
 * A Dexie middleware that reads many keys with one key-skipping cursor instead of one
 * `get` request per key, so keys that are not stored cost nothing.
 *
 * RxDB's Dexie storage reads every key of a write before writing it (to detect conflicts),
 * and its replication reads the fork and the replication meta before each pulled batch: a
 * device's first sync or a bulk insert asks for hundreds of thousands of keys that do not
 * exist yet, each an IndexedDB request. The cursor walks the requested keys in order and
 * jumps (`continue(key)`) from one requested key to the next, so it costs one request plus
 * one per key that is stored: never more requests than the plain `get`s, and one for a
 * batch of new records. It runs in the caller's transaction, so it sees exactly what the
 * `get`s would have seen.
 */
import Dexie, { type DBCore, type DBCoreGetManyRequest, type Middleware } from 'dexie';

/** Below this many keys the plain `get`s are as cheap; the cursor pays off above it. */
export const SPARSE_MIN_KEYS = 4;

/** The requested string keys sorted and unique, or undefined when any key is not a string. */
function sortedKeys(keys: readonly unknown[]): string[] | undefined {
	const out: string[] = [];
	for (const k of keys) {
		if (typeof k !== 'string') return undefined;
		out.push(k);
	}
	// IndexedDB orders string keys by UTF-16 code units, as JavaScript's default sort does.
	out.sort();
	return out.filter((k, i) => i === 0 || k !== out[i - 1]);
}

/** Reads `wanted` (sorted, unique) from `store` with one cursor; absent keys are not in the map. */
export function readSparse(store: IDBObjectStore, wanted: string[]): Promise<Map<string, unknown>> {
	const found = new Map<string, unknown>();
	return new Dexie.Promise<Map<string, unknown>>((resolve, reject) => {
		if (wanted.length === 0) return resolve(found);
		let i = 0;
		const req = store.openCursor(IDBKeyRange.bound(wanted[0], wanted[wanted.length - 1]));
		req.onerror = () => reject(req.error);
		req.onsuccess = () => {
			const cursor = req.result;
			if (!cursor) return resolve(found);
			const key = cursor.primaryKey as string;
			while (i < wanted.length && wanted[i] < key) i++;
			if (i < wanted.length && wanted[i] === key) {
				found.set(key, cursor.value);
				i++;
			}
			if (i >= wanted.length) return resolve(found);
			cursor.continue(wanted[i]);
		};
	});
}

/** The middleware: `getMany` of string primary keys through `readSparse`. */
export const sparseGetMany: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'fieldbook-sparse-get',
	// Below Dexie's own caching middleware (level -1), right above IndexedDB.
	level: -2,
	create(down: DBCore) {
		return {
			...down,
			table(name: string) {
				const table = down.table(name);
				return {
					...table,
					getMany(req: DBCoreGetManyRequest) {
						const wanted = req.keys.length >= SPARSE_MIN_KEYS ? sortedKeys(req.keys) : undefined;
						if (!wanted) return table.getMany(req);
						const store = (req.trans as unknown as IDBTransaction).objectStore(name);
						return readSparse(store, wanted).then((found) =>
							req.keys.map((k) => found.get(k as string))
						);
					}
				};
			}
		};
	}
};
