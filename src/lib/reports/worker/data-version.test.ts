import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compareKeys, dexieName, formatVersion, LastKeys, readDataVersion } from './data-version';

/** A table shaped like RxDB's Dexie `docs` store with its `[_meta.lwt+id]` index. */
async function table(name: string, rows: { id: string; lwt: number }[]): Promise<void> {
	const idb = await new Promise<IDBDatabase>((ok, fail) => {
		const req = indexedDB.open(name, 1);
		req.onupgradeneeded = () =>
			req.result
				.createObjectStore('docs', { keyPath: 'id' })
				.createIndex('[_meta.lwt+id]', ['_meta.lwt', 'id']);
		req.onsuccess = () => ok(req.result);
		req.onerror = () => fail(req.error);
	});
	const tx = idb.transaction('docs', 'readwrite');
	for (const r of rows) tx.objectStore('docs').put({ id: r.id, _meta: { lwt: r.lwt } });
	await new Promise((ok) => (tx.oncomplete = ok));
	idb.close();
}

let n = 0;

describe('data version', () => {
	it('orders keys as IndexedDB does', () => {
		expect(compareKeys([1, 'b'], [2, 'a'])).toBeLessThan(0);
		expect(compareKeys([2, 'a'], [2, 'b'])).toBeLessThan(0);
		expect(compareKeys([2, 'b'], [2, 'b'])).toBe(0);
		expect(compareKeys(null, [0, ''])).toBeLessThan(0);
		expect(compareKeys(null, null)).toBe(0);
	});

	it('spells what the worker holds as the page reads it from the tables', async () => {
		const db = `dv${n++}`;
		const t = (c: string) => dexieName(db, 0, c);
		await table(t('customers'), [
			{ id: 'c1', lwt: 10 },
			{ id: 'c2', lwt: 30.5 },
			{ id: 'c3', lwt: 30.5 }
		]);
		await table(t('orders'), []);
		const read = await readDataVersion(['customers', 'orders'], t);
		expect(read).toEqual({
			version: formatVersion(
				['customers', 'orders'],
				new Map([
					['customers', [30.5, 'c3']],
					['orders', null]
				])
			),
			lwt: 30.5
		});

		// The worker: reads and change events in any order give the same version.
		const held = new LastKeys(['customers', 'orders']);
		held.see('customers', 30.5, 'c3');
		held.see('customers', 10, 'c1');
		held.seeKey('orders', null);
		held.see('customers', 30.5, 'c2');
		expect(held.get()).toEqual(read);

		// A later write moves the version; a write stamped earlier than the last does not
		// (hence settling, `SETTLE_MS`).
		held.see('orders', 40, 'o1');
		expect(held.get().version).not.toBe(read!.version);
		expect(held.get().lwt).toBe(40);
		const before = held.get().version;
		held.see('customers', 20, 'c1');
		expect(held.get().version).toBe(before);
	});

	it('answers undefined when a table is missing (nothing is created)', async () => {
		const db = `dv${n++}`;
		await table(dexieName(db, 0, 'customers'), [{ id: 'c1', lwt: 1 }]);
		expect(
			await readDataVersion(['customers', 'orders'], (c) => dexieName(db, 0, c))
		).toBeUndefined();
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(
			dexieName(db, 0, 'orders')
		);
	});
});
