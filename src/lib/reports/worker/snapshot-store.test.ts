import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { customer, sale } from '../fixtures';
import { storedFields } from '../stored-columns';
import {
	encodeSnapshot,
	idbSnapshotStore,
	readSnapshot,
	schemaFingerprint,
	SNAPSHOT_FORMAT
} from './snapshot-store';

const KEY = { db: 'fieldbook_u1', collection: 'orders', schema: '0:abc', token: 't1' };

describe('report snapshot store', () => {
	it('round-trips live records through IndexedDB, tombstones left out', async () => {
		const orders = [
			sale('o1', 'c1', '2024-03-05', 100),
			{ ...sale('o2', 'c1', '2024-03-06', 40), _deleted: true },
			sale('o3', 'c2', '2024-03-07', 25, 'pending')
		];
		let pauses = 0;
		const value = await encodeSnapshot(KEY, orders, 1234.5, {
			chunk: 1,
			yieldFn: async () => void pauses++,
			now: () => 99
		});
		expect(pauses).toBe(2);
		expect(value).toMatchObject({ format: SNAPSHOT_FORMAT, lwt: 1234.5, savedAt: 99, ...KEY });
		const store = idbSnapshotStore(`snapshots-${Math.random()}`)!;
		await store.put(KEY.db, KEY.collection, value);
		expect(await store.get('fieldbook_u2', KEY.collection)).toBeUndefined();
		const back = readSnapshot(await store.get(KEY.db, KEY.collection), KEY);
		expect(back).toEqual({ records: [orders[0], orders[2]], lwt: 1234.5 });
		// The reports read the decoded records' columns from the snapshot.
		expect([...(storedFields(back!.records)?.keys() ?? [])]).toEqual(
			expect.arrayContaining(['customerId', 'date', 'amount', 'status', 'items'])
		);
		expect(storedFields(back!.records)?.has('orderNo')).toBe(false);
	});

	it('answers nothing for another database, collection, schema, storage token or format, or a corrupt one', async () => {
		const value = await encodeSnapshot(KEY, [customer('c1')], 1);
		expect(readSnapshot(value, KEY)?.records).toHaveLength(1);
		expect(readSnapshot(value, { ...KEY, db: 'fieldbook_u2' })).toBeUndefined();
		expect(readSnapshot(value, { ...KEY, collection: 'visits' })).toBeUndefined();
		expect(readSnapshot(value, { ...KEY, schema: '1:abc' })).toBeUndefined();
		expect(readSnapshot(value, { ...KEY, token: 't2' })).toBeUndefined();
		expect(readSnapshot({ ...value, format: SNAPSHOT_FORMAT + 1 }, KEY)).toBeUndefined();
		expect(readSnapshot({ ...value, lwt: 'x' }, KEY)).toBeUndefined();
		expect(readSnapshot({ ...value, records: { k: 'obj', n: 1, f: [] } }, KEY)).toBeUndefined();
		expect(readSnapshot('garbage', KEY)).toBeUndefined();
	});

	it('fingerprints schemas by content', () => {
		expect(schemaFingerprint({ a: 1 })).toBe(schemaFingerprint({ a: 1 }));
		expect(schemaFingerprint({ a: 1 })).not.toBe(schemaFingerprint({ a: 2 }));
	});
});
