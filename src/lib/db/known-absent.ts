/**
 * Keys a caller knows a store does not hold, so the read RxDB's Dexie storage makes before
 * each write (to find conflicts) can skip them (sparse-get.ts consults this).
 *
 * The first sync's bootstrap writes pages of records the device cannot hold yet (it started
 * on an empty collection and tracks every write since); their ids are scattered between
 * those already written, so without this each would cost one IndexedDB `get`. A key is
 * claimed only for the duration of one write, and only by a caller that knows it is absent.
 */

const claims = new Map<string, Set<string>>();

/** Dexie's database name for an RxDB collection: `rxdb-dexie-<db>--<version>--<collection>`. */
const DEXIE_NAME = /^rxdb-dexie-(.*)--\d+--([^-].*)$/;

function keyOf(databaseName: string, collectionName: string): string {
	return `${databaseName}\u0000${collectionName}`;
}

/** Runs `work` (one storage write) with `ids` claimed absent from the collection's store. */
export async function withKnownAbsent<T>(
	databaseName: string,
	collectionName: string,
	ids: Iterable<string>,
	work: () => Promise<T>
): Promise<T> {
	const key = keyOf(databaseName, collectionName);
	const set = new Set(ids);
	if (claims.has(key)) throw new Error(`absent keys of ${collectionName} are claimed already`);
	claims.set(key, set);
	try {
		return await work();
	} finally {
		claims.delete(key);
	}
}

/** The keys claimed absent from the Dexie database `dexieDbName`, if any. */
export function knownAbsent(dexieDbName: string): ReadonlySet<string> | undefined {
	if (claims.size === 0) return undefined;
	const m = DEXIE_NAME.exec(dexieDbName);
	return m ? claims.get(keyOf(m[1], m[2])) : undefined;
}
