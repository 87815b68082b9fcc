import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RX_SCHEMAS } from '$lib/domain/rx-schemas.generated';
import { databaseName, openDatabase } from './database';
import {
	DEXIE_STORES_VERSION,
	collectionOf,
	declareTrimmedStores,
	isReplicationMeta,
	trimStores,
	trimTableSchema
} from './dexie-stores';

const RXDB_DOCS =
	'id, [_deleted+id], [_deleted+updatedAt+id], [_deleted+ownerId+updatedAt+id], [_meta.lwt+id], _meta.lwt';
const RXDB_META = 'id, [_deleted+id], [_meta.lwt+id], _meta.lwt';

describe('trimmed stores (pure)', () => {
	it('drops _meta.lwt, [_deleted+id] and the unread owner index from documents, keeps what is read', () => {
		expect(trimTableSchema(RXDB_DOCS, false, 'customers')).toBe(
			'id, [_deleted+updatedAt+id], [_meta.lwt+id]'
		);
		// Orders are read by customer, whole, or since a checkpoint: never by updatedAt alone.
		expect(
			trimTableSchema(
				'id, [_deleted+id], [_deleted+customerId+updatedAt+id], [_deleted+updatedAt+id], [_meta.lwt+id], _meta.lwt',
				false,
				'orders'
			)
		).toBe('id, [_deleted+customerId+updatedAt+id], [_meta.lwt+id]');
		// Participations keep both their indexes (campaign and customer pages read them).
		expect(
			trimTableSchema(
				'id, [_deleted+id], [_deleted+campaignId+updatedAt+id], [_deleted+customerId+updatedAt+id], [_meta.lwt+id], _meta.lwt',
				false,
				'participations'
			)
		).toBe(
			'id, [_deleted+campaignId+updatedAt+id], [_deleted+customerId+updatedAt+id], [_meta.lwt+id]'
		);
		expect(collectionOf('rxdb-dexie-fieldbook_01a2-b3--0--orders')).toBe('orders');
	});
	it('keeps only the primary key of replication meta tables', () => {
		expect(trimTableSchema(RXDB_META, true)).toBe('id');
		expect(isReplicationMeta('rxdb-dexie-fieldbook_u1--0--rx-replication-meta-abc123')).toBe(true);
		expect(isReplicationMeta('rxdb-dexie-fieldbook_u1--0--customers')).toBe(false);
	});
	it('leaves the other tables of a declaration alone', () => {
		const stores = { docs: RXDB_META, changes: '++sequence, id', attachments: 'id' };
		expect(trimStores('rxdb-dexie-x--0--rx-replication-meta-1', stores)).toEqual({
			...stores,
			docs: 'id'
		});
	});
});

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const f of cleanup.splice(0).reverse()) await f();
});

/** Index names of the `docs` store of one Dexie database, opened at whatever version it has. */
async function indexNames(name: string): Promise<string[]> {
	const idb = await new Promise<IDBDatabase>((ok, fail) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => ok(req.result);
		req.onerror = () => fail(req.error);
	});
	try {
		return [...idb.transaction('docs').objectStore('docs').indexNames].sort();
	} finally {
		idb.close();
	}
}

const customer = (id: string, updatedAt: number) => ({
	id,
	updatedAt,
	name: 'Customer ' + id,
	ownerId: 'u1',
	phones: [],
	emails: [],
	tags: []
});

/** A customers-only database opened as an older build would, with `storage`. */
async function openCustomersWith(name: string, storage: RxStorage<unknown, unknown>) {
	const db: RxDatabase = await createRxDatabase({ name, storage, multiInstance: false });
	await db.addCollections({ customers: { schema: structuredClone(RX_SCHEMAS.customers) } });
	return db;
}

describe('upgrading a device whose database RxDB made with version 1', () => {
	it('keeps every record, drops the unread indexes, and an old build still opens it', async () => {
		const userId = 'upgrade' + Math.random().toString(36).slice(2, 8);
		const name = databaseName(userId);
		const dexieName = `rxdb-dexie-${name}--0--customers`;
		// Before: RxDB's own declaration (what devices hold today).
		const openOld = () => openCustomersWith(name, getRxStorageDexie() as never);
		const old = await openOld();
		await old.customers.bulkInsert([customer('c1', 10), customer('c2', 20), customer('c3', 30)]);
		await old.close();
		expect(await indexNames(dexieName)).toContain('_meta.lwt');

		const db = await openDatabase({ userId, storage: 'dexie', multiInstance: false });
		const names = await indexNames(dexieName);
		expect(names).not.toContain('_meta.lwt');
		expect(names).not.toContain('[_deleted+ownerId+updatedAt+id]');
		expect(names).toContain('[_meta.lwt+id]');
		expect(names).not.toContain('[_deleted+id]');
		expect(names).toContain('[_deleted+updatedAt+id]');
		const found = await db.customers
			.find({ selector: { updatedAt: { $gte: 20 } }, sort: [{ updatedAt: 'asc' }] })
			.exec();
		expect(found.map((d) => d.id)).toEqual(['c2', 'c3']);
		await db.customers.insert(customer('c4', 40) as never);
		await db.close();

		// An older build declaring version 1 again still opens it with every record.
		const back = await openOld();
		expect((await back.customers.find().exec()).map((d) => d.id).sort()).toEqual([
			'c1',
			'c2',
			'c3',
			'c4'
		]);
		await back.remove();
	});

	it('keeps replication meta entries and reads them by id without secondary indexes', async () => {
		const name =
			'rxdb-dexie-fieldbook_m--0--rx-replication-meta-' + Math.random().toString(36).slice(2);
		const before = new Dexie(name);
		before.version(1).stores({ docs: RXDB_META, changes: '++sequence, id', attachments: 'id' });
		await before.table('docs').put({ id: 'c1|0', itemId: 'c1', _deleted: '0', _meta: { lwt: 1 } });
		before.close();

		const after = new Dexie(name, { autoOpen: false });
		declareTrimmedStores(after, name);
		after.version(1).stores({ docs: RXDB_META, changes: '++sequence, id', attachments: 'id' });
		await after.open();
		cleanup.push(() => after.delete());
		expect(after.verno).toBe(DEXIE_STORES_VERSION);
		expect(await after.table('docs').get('c1|0')).toMatchObject({ itemId: 'c1' });
		expect(await indexNames(name)).toEqual([]);
	});
});

/** The storage a build of 2026-11-22 used: Dexie version 2, which still kept the owner index. */
function version2Storage() {
	return getRxStorageDexie({
		onCreate: (db) => {
			const version = db.version.bind(db);
			db.version = ((n: number) => {
				const declared = version(n === 1 ? 2 : n);
				const stores = declared.stores.bind(declared);
				declared.stores = (schema) => {
					const all = schema as Record<string, string>;
					const docs = all.docs
						.split(',')
						.map((s) => s.trim())
						.filter((index) => index !== '_meta.lwt' && !all.docs.includes('rx-replication'));
					return stores({ ...all, docs: docs.join(', ') } as never);
				};
				return declared;
			}) as typeof db.version;
		}
	});
}

describe('dropping the unread owner index', () => {
	it('upgrades a version-2 database in place, and a version-2 build still opens it', async () => {
		const userId = 'v2up' + Math.random().toString(36).slice(2, 8);
		const name = databaseName(userId);
		const dexieName = `rxdb-dexie-${name}--0--customers`;
		const openV2 = () => openCustomersWith(name, version2Storage() as never);
		const old = await openV2();
		await old.customers.bulkInsert([customer('c1', 10), customer('c2', 20)]);
		await old.close();
		expect(await indexNames(dexieName)).toContain('[_deleted+ownerId+updatedAt+id]');

		const db = await openDatabase({ userId, storage: 'dexie', multiInstance: false });
		expect(await indexNames(dexieName)).not.toContain('[_deleted+ownerId+updatedAt+id]');
		await db.customers.insert(customer('c3', 30) as never);
		await db.close();
		const verno = await new Promise<number>((ok) => {
			const req = indexedDB.open(dexieName);
			req.onsuccess = () => {
				ok(req.result.version);
				req.result.close();
			};
		});
		// Dexie stores version n as IndexedDB version n × 10.
		expect(verno).toBeGreaterThanOrEqual(DEXIE_STORES_VERSION * 10);

		const back = await openV2();
		const ids = (await back.customers.find().exec()).map((d) => d.id).sort();
		expect(ids).toEqual(['c1', 'c2', 'c3']);
		await back.remove();
	});

	it('answers a query RxDB plans on the dropped index through another index', async () => {
		const userId = 'owner' + Math.random().toString(36).slice(2, 8);
		const db = await openDatabase({ userId, storage: 'dexie', multiInstance: false });
		cleanup.push(() => db.remove());
		await db.customers.bulkInsert([
			customer('c1', 10),
			{ ...customer('c2', 20), ownerId: 'u2' },
			customer('c3', 30),
			{ ...customer('c4', 40), ownerId: 'u2' }
		] as never);
		const byOwner = db.customers.find({
			selector: { ownerId: 'u2', updatedAt: { $gt: 0 } },
			sort: [{ updatedAt: 'desc' }]
		});
		// The planner still picks the owner index from the schema: the storage must not use it.
		const plan = (byOwner.getPreparedQuery() as { queryPlan: { index: string[] } }).queryPlan;
		expect(plan.index).toEqual(['_deleted', 'ownerId', 'updatedAt', 'id']);
		expect((await byOwner.exec()).map((d) => d.id)).toEqual(['c4', 'c2']);
		const counted = await db.customers.storageInstance.count(byOwner.getPreparedQuery());
		expect(counted.count).toBe(2);

		const order = (id: string, updatedAt: number) => ({
			id,
			updatedAt,
			orderNo: 'N-' + id,
			customerId: 'c1',
			date: '2026-11-23',
			items: [{ product: 'Tea', quantity: 1, unitPrice: 10 }],
			amount: 10,
			status: 'paid'
		});
		await db.orders.bulkInsert([order('o1', 30), order('o2', 10), order('o3', 20)] as never);
		const byTime = db.orders.find({
			selector: { updatedAt: { $gte: 15 } },
			sort: [{ updatedAt: 'asc' }]
		});
		const orderPlan = (byTime.getPreparedQuery() as { queryPlan: { index: string[] } }).queryPlan;
		expect(orderPlan.index).toEqual(['_deleted', 'updatedAt', 'id']);
		expect((await byTime.exec()).map((d) => d.id)).toEqual(['o3', 'o1']);
	});
});
