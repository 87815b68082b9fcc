/**
 * The one seam between platforms: Dexie (IndexedDB) in the browser, memory in Node tests.
 * Nothing else knows which storage is in use.
 */
import type { RxStorage } from 'rxdb';

export type StorageKind = 'dexie' | 'memory';

export async function createStorage(
	kind: StorageKind,
	validate = false
): Promise<RxStorage<unknown, unknown>> {
	const base: RxStorage<unknown, unknown> =
		kind === 'dexie'
			? await dexieStorage()
			: ((await import('rxdb/plugins/storage-memory')).getRxStorageMemory() as RxStorage<
					unknown,
					unknown
				>);
	if (!validate) return base as RxStorage<unknown, unknown>;
	const { wrappedValidateAjvStorage } = await import('rxdb/plugins/validate-ajv');
	return wrappedValidateAjvStorage({ storage: base }) as RxStorage<unknown, unknown>;
}

/**
 * RxDB's Dexie storage, with many-key reads that skip keys not stored (sparse-get.ts),
 * without the indexes nothing reads (dexie-stores.ts), and index ranges read in one request
 * (whole-range-query.ts).
 */
async function dexieStorage(): Promise<RxStorage<unknown, unknown>> {
	const [
		{ getRxStorageDexie },
		{ sparseGetMany },
		{ declareTrimmedStores, planAroundDroppedIndexes },
		{ readWholeRanges }
	] = await Promise.all([
		import('rxdb/plugins/storage-dexie'),
		import('./sparse-get'),
		import('./dexie-stores'),
		import('./whole-range-query')
	]);
	const dexie = getRxStorageDexie({
		onCreate: (db, dexieDbName) => {
			db.use(sparseGetMany);
			declareTrimmedStores(db, dexieDbName);
		}
	}) as RxStorage<unknown, unknown>;
	// Outermost first: a query is planned again around dropped indexes, then read whole.
	return planAroundDroppedIndexes(readWholeRanges(dexie));
}

/** Storage for the running platform: Dexie where IndexedDB exists, else memory. */
export function defaultStorageKind(): StorageKind {
	return typeof indexedDB === 'undefined' ? 'memory' : 'dexie';
}
