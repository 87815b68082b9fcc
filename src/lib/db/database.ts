/**
 * Opens the local RxDB database of one user: six collections with schemas derived from
 * the domain's zod schemas (precomputed by `npm run gen:schemas`, so zod is not loaded
 * here). One database per user, so a shared device keeps them apart.
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { COLLECTIONS, type CollectionName, type RecordTypes } from '$lib/domain/collection-names';
import { RX_SCHEMAS } from '$lib/domain/rx-schemas.generated';
import { createStorage, defaultStorageKind, type StorageKind } from './storage';

addRxPlugin(RxDBUpdatePlugin);
addRxPlugin(RxDBLeaderElectionPlugin);

/** Documents in RxDB carry no `_deleted` field of their own (RxDB keeps it). */
export type LocalDoc<C extends CollectionName> = Omit<RecordTypes[C], '_deleted'>;

export type FieldbookCollections = { [C in CollectionName]: RxCollection<LocalDoc<C>> };
export type FieldbookDb = RxDatabase<FieldbookCollections>;

export interface OpenOptions {
	userId: string;
	storage?: StorageKind;
	/** RxDB dev-mode with schema validation: tests only, never in a production build. */
	devMode?: boolean;
	/** Whether other tabs share this database (true in the browser). */
	multiInstance?: boolean;
}

/** The IndexedDB name of a user's database. */
export function databaseName(userId: string): string {
	return 'fieldbook_' + userId.toLowerCase().replace(/[^a-z0-9]/g, '_');
}

export async function openDatabase(opts: OpenOptions): Promise<FieldbookDb> {
	const kind = opts.storage ?? defaultStorageKind();
	if (opts.devMode) {
		const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
		disableWarnings();
		addRxPlugin(RxDBDevModePlugin);
	}
	const db = await createRxDatabase<FieldbookCollections>({
		name: databaseName(opts.userId),
		storage: await createStorage(kind, opts.devMode ?? false),
		multiInstance: opts.multiInstance ?? kind === 'dexie',
		eventReduce: true,
		closeDuplicates: true
	});
	const collections = Object.fromEntries(
		COLLECTIONS.map((name) => [name, { schema: structuredClone(RX_SCHEMAS[name]) }])
	);
	await db.addCollections(collections as never);
	return db;
}
