import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '$lib/domain/collections';
import { databaseName, openDatabase, type FieldbookDb } from '$lib/db/database';
import { customer, sale } from '../fixtures';
import type { Dataset } from '../dataset';
import { readDataVersion } from './data-version';
import { dexieName, RxdbSource, type LoadTimings } from './rxdb-source';
import { SNAPSHOT_FORMAT, type SnapshotStore, type StoredSnapshot } from './snapshot-store';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const C1 = uuid(1);
const C2 = uuid(2);

/** A snapshot store in memory, as IndexedDB would keep it (structured clones). */
function memoryStore() {
	const map = new Map<string, unknown>();
	const store: SnapshotStore = {
		get: async (db, c) => structuredClone(map.get(`${db}|${c}`)),
		put: async (db, c, value) => void map.set(`${db}|${c}`, structuredClone(value))
	};
	return { map, store };
}

let n = 0;
const opened: { userId?: string; sources: RxdbSource[] } = { sources: [] };

afterEach(async () => {
	for (const s of opened.sources.splice(0)) await s.close();
	if (opened.userId) await (await app(opened.userId)).remove();
	opened.userId = undefined;
});

/**
 * The app's database of `userId`. A source opened in this process closes the app's
 * instance (RxDB's `closeDuplicates`; in the browser the worker is another context), so
 * each step opens it again.
 */
function app(userId: string): Promise<FieldbookDb> {
	return openDatabase({ userId, storage: 'dexie', multiInstance: true });
}

/** The app's database of a new user, with two customers and three orders. */
async function seeded(): Promise<{ userId: string; name: string }> {
	const userId = `snap-${Date.now()}-${n++}`;
	const db = await app(userId);
	opened.userId = userId;
	const strip = <T extends { _deleted?: boolean }>({ _deleted, ...rest }: T) => (
		void _deleted,
		rest
	);
	await db.customers.bulkInsert([
		strip(customer(C1, { name: 'Bo', interests: ['tea'] })),
		strip(customer(C2, { name: '王芳', grade: 'a' }))
	] as never);
	await db.orders.bulkInsert([
		strip(sale(uuid(11), C1, '2024-03-05', 100)),
		strip(sale(uuid(12), C2, '2024-03-06', 40)),
		strip(sale(uuid(13), C2, '2024-03-07', 25, 'pending'))
	] as never);
	await db.close();
	return { userId, name: databaseName(userId) };
}

/** Opens a source and waits for its first snapshot. */
async function load(name: string, store?: SnapshotStore, marginMs = -1) {
	const source = new RxdbSource(name, { changed: () => {} }, COLLECTIONS, {
		snapshots: store,
		marginMs,
		// Written only when a test says so.
		snapshotDelayMs: Infinity,
		firstSnapshotDelayMs: Infinity
	});
	opened.sources.push(source);
	await source.open();
	return source;
}

/** The live records of a dataset, as reports see them: sorted by id, RxDB's fields left out. */
function live(data: Dataset) {
	const out: Record<string, unknown[]> = {};
	for (const c of COLLECTIONS) {
		out[c] = (data[c] as unknown as Record<string, unknown>[])
			.filter((r) => r._deleted !== true)
			.map(({ _meta, _rev, _attachments, ...rest }) => (void [_meta, _rev, _attachments], rest))
			.sort((a, b) => String(a.id).localeCompare(String(b.id)));
	}
	return out;
}

const snapshotOf = (t: LoadTimings | undefined) => t?.snapshot;

describe('RxdbSource snapshot', () => {
	it('reads in full without a snapshot, writes one, and a later start loads it with the same records', async () => {
		const { name } = await seeded();
		const { map, store } = memoryStore();
		const first = await load(name, store);
		expect(snapshotOf(first.timings)).toMatchObject({ fromSnapshot: 0, readInFull: 6 });
		await first.saveSnapshot();
		expect(map.size).toBe(COLLECTIONS.length);
		const saved = map.get(`${name}|orders`) as StoredSnapshot;
		expect(saved).toMatchObject({ format: SNAPSHOT_FORMAT, db: name, collection: 'orders' });
		expect(saved.lwt).toBeGreaterThan(0);

		const second = await load(name, store);
		expect(snapshotOf(second.timings)).toMatchObject({
			fromSnapshot: 6,
			readInFull: 0,
			caughtUp: 0
		});
		expect(second.timings?.records).toBe(5);
		expect(live(second.dataset.data)).toEqual(live(first.dataset.data));
		expect(live(second.dataset.data).orders).toHaveLength(3);
	});

	it('catches up with records changed, inserted and deleted since the snapshot', async () => {
		const { userId, name } = await seeded();
		const { store } = memoryStore();
		const first = await load(name, store);
		await first.saveSnapshot();
		await first.close();

		await new Promise((r) => setTimeout(r, 5));
		const db = await app(userId);
		await db.orders.findOne(uuid(12)).update({ $set: { status: 'cancelled', amount: 41 } });
		await db.orders.insert({
			...sale(uuid(14), C1, '2024-03-08', 7),
			_deleted: undefined
		} as never);
		await db.orders.findOne(uuid(13)).remove();
		await db.customers.findOne(C2).update({ $set: { name: 'Wang Fang' } });
		await db.close();

		const second = await load(name, store);
		expect(snapshotOf(second.timings)).toMatchObject({ fromSnapshot: 6, readInFull: 0 });
		expect(snapshotOf(second.timings)?.caughtUp).toBe(4);
		const fresh = await load(name);
		expect(live(second.dataset.data)).toEqual(live(fresh.dataset.data));
		const orders = live(second.dataset.data).orders as { id: string; status: string }[];
		expect(orders.map((o) => [o.id, o.status])).toEqual([
			[uuid(11), 'paid'],
			[uuid(12), 'cancelled'],
			[uuid(14), 'paid']
		]);
		expect(live(second.dataset.data).customers.map((c) => (c as { name: string }).name)).toEqual([
			'Bo',
			'Wang Fang'
		]);
	});

	it('ignores a snapshot of another user, format or schema, and a corrupt one, reading in full', async () => {
		const { name } = await seeded();
		const { map, store } = memoryStore();
		const first = await load(name, store);
		await first.saveSnapshot();
		await first.close();
		const expected = live(first.dataset.data);
		const edit = (c: string, change: (s: StoredSnapshot) => void) => {
			const s = map.get(`${name}|${c}`) as StoredSnapshot;
			change(s);
		};
		edit('customers', (s) => (s.db = 'fieldbook_someone_else'));
		edit('orders', (s) => (s.schema = 'another'));
		edit('services', (s) => (s.format = SNAPSHOT_FORMAT + 1));
		edit('visits', (s) => ((s.records as { n: number }).n = 5));

		const second = await load(name, store);
		expect(snapshotOf(second.timings)).toMatchObject({ fromSnapshot: 2, readInFull: 4 });
		expect(live(second.dataset.data)).toEqual(expected);
	});

	it('ignores the snapshot of a database that was removed and made again', async () => {
		const { userId, name } = await seeded();
		const { store } = memoryStore();
		const first = await load(name, store);
		await first.saveSnapshot();
		await first.close();
		// The same user's database made again, with one customer only.
		await (await app(userId)).remove();
		const again = await app(userId);
		await again.customers.insert(customer(C1, { name: 'Again' }) as never);
		await again.close();

		const second = await load(name, store);
		expect(snapshotOf(second.timings)).toMatchObject({ fromSnapshot: 0, readInFull: 6 });
		const held = live(second.dataset.data);
		expect(held.customers.map((c) => (c as { name: string }).name)).toEqual(['Again']);
		expect(held.orders).toEqual([]);
	});

	it('writes again only the collections that changed, with their new checkpoint', async () => {
		const { userId, name } = await seeded();
		const { map, store } = memoryStore();
		const first = await load(name, store);
		await first.saveSnapshot();
		await first.close();
		const before = map.get(`${name}|orders`) as StoredSnapshot;
		const customersBefore = map.get(`${name}|customers`) as StoredSnapshot;
		await new Promise((r) => setTimeout(r, 5));
		const db = await app(userId);
		await db.orders.findOne(uuid(11)).update({ $set: { status: 'cancelled' } });
		await db.close();

		const second = await load(name, store);
		expect(snapshotOf(second.timings)?.caughtUp).toBe(1);
		await second.saveSnapshot();
		await second.close();
		const after = map.get(`${name}|orders`) as StoredSnapshot;
		expect(after.lwt).toBeGreaterThan(before.lwt);
		expect(map.get(`${name}|customers`)).toEqual(customersBefore);

		const third = await load(name, store);
		expect(snapshotOf(third.timings)).toMatchObject({ fromSnapshot: 6, caughtUp: 0 });
		const orders = live(third.dataset.data).orders as { id: string; status: string }[];
		expect(orders.find((o) => o.id === uuid(11))?.status).toBe('cancelled');
	});

	it('takes the checkpoint no later than the margin before the snapshot, so writes of that margin are read again', async () => {
		const { name } = await seeded();
		const { map, store } = memoryStore();
		const first = await load(name, store, 60_000);
		await first.saveSnapshot();
		await first.close();
		expect((map.get(`${name}|orders`) as StoredSnapshot).lwt).toBeLessThan(Date.now() - 59_000);
		const second = await load(name, store);
		expect(snapshotOf(second.timings)).toMatchObject({ fromSnapshot: 6, caughtUp: 5 });
		expect(live(second.dataset.data).orders).toHaveLength(3);
	});

	it('labels the records it holds with the version the tables have, read in full or caught up', async () => {
		const { userId, name } = await seeded();
		const tables = () => readDataVersion(COLLECTIONS, (c) => dexieName(name, 0, c));
		const { store } = memoryStore();
		const first = await load(name, store);
		const v1 = await tables();
		expect(v1?.lwt).toBeGreaterThan(0);
		expect(first.dataVersion).toEqual(v1);
		await first.saveSnapshot();
		await first.close();

		await new Promise((r) => setTimeout(r, 5));
		const db = await app(userId);
		await db.orders.findOne(uuid(13)).remove();
		await db.close();
		const v2 = await tables();
		expect(v2?.version).not.toBe(v1?.version);
		const second = await load(name, store);
		expect(snapshotOf(second.timings)?.fromSnapshot).toBe(6);
		expect(second.dataVersion).toEqual(v2);
	});
});
