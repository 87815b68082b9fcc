import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DENSE, RUN, sparseGetMany } from './sparse-get';
import { knownAbsent, withKnownAbsent } from './known-absent';

interface Doc {
	id: string;
	n: number;
}

const opened: Dexie[] = [];
async function open(withMiddleware: boolean): Promise<Dexie> {
	const db = new Dexie('sparse-' + Math.random(), { autoOpen: false });
	if (withMiddleware) db.use(sparseGetMany);
	db.version(1).stores({ docs: 'id', seq: '++n' });
	await db.open();
	opened.push(db);
	return db;
}

afterEach(async () => {
	vi.restoreAllMocks();
	for (const db of opened.splice(0)) await db.delete();
});

const ids = (n: number, prefix = 'k') =>
	Array.from({ length: n }, (_, i) => `${prefix}${1000 + i}`);

describe('sparseGetMany', () => {
	it('answers bulkGet exactly as plain gets do: order, duplicates, absent keys', async () => {
		const plain = await open(false);
		const sparse = await open(true);
		const stored = ids(200).filter((_, i) => i % 3 === 0);
		for (const db of [plain, sparse]) {
			await db.table<Doc>('docs').bulkPut(stored.map((id, n) => ({ id, n })));
		}
		// Shuffled, with duplicates, keys outside the stored range and unicode keys.
		const asked = [...ids(200), 'k1003', 'a', 'zz', '张三', 'k1000'].sort(
			() => Math.random() - 0.5
		);
		const expected = await plain.table<Doc>('docs').bulkGet(asked);
		expect(await sparse.table<Doc>('docs').bulkGet(asked)).toEqual(expected);
		expect(expected.filter(Boolean)).toHaveLength(stored.length + 2);
	});

	it('reads only the stored keys when the requested range is sparse', async () => {
		const db = await open(true);
		await db.table<Doc>('docs').bulkPut([{ id: 'k1005', n: 1 }]);
		const get = vi.spyOn(IDBObjectStore.prototype, 'get');
		const probe = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
		const found = await db.table<Doc>('docs').bulkGet(ids(1000));
		expect(found.filter(Boolean)).toEqual([{ id: 'k1005', n: 1 }]);
		expect(get).toHaveBeenCalledTimes(1);
		expect(probe).toHaveBeenCalledTimes(1);
	});

	it('reads only the stored keys where new keys sit between a few thousand stored ones', async () => {
		const plain = await open(false);
		const sparse = await open(true);
		const stored = ids(3000, 'k');
		for (const db of [plain, sparse]) {
			await db.table<Doc>('docs').bulkPut(stored.map((id, n) => ({ id, n })));
		}
		// Between every two stored keys: 'k1000a' sorts after 'k1000' and before 'k1001'.
		const asked = [...stored.slice(0, 500).map((k) => k + 'a'), ...stored.slice(500, 700)];
		const expected = await plain.table<Doc>('docs').bulkGet(asked);
		const get = vi.spyOn(IDBObjectStore.prototype, 'get');
		const answer = await sparse.table<Doc>('docs').bulkGet(asked);
		expect(answer).toEqual(expected);
		expect(answer.filter(Boolean)).toHaveLength(200);
		// One probe over the whole range (700 stored keys in it) says which 200 to read.
		expect(get).toHaveBeenCalledTimes(200);
	});

	it('goes run by run, then key by key, where the range holds far more stored keys', async () => {
		const plain = await open(false);
		const sparse = await open(true);
		const stored = ids(3000, 'k');
		for (const db of [plain, sparse]) {
			await db.table<Doc>('docs').bulkPut(stored.map((id, n) => ({ id, n })));
		}
		// 20 new keys spread over 3,000 stored ones: more than DENSE stored keys per asked key.
		const asked = stored.filter((_, i) => i % 150 === 0).map((k) => k + 'a');
		expect(3000).toBeGreaterThan(DENSE * asked.length);
		const expected = await plain.table<Doc>('docs').bulkGet(asked);
		const get = vi.spyOn(IDBObjectStore.prototype, 'get');
		const probe = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
		const answer = await sparse.table<Doc>('docs').bulkGet(asked);
		expect(answer).toEqual(expected);
		expect(answer.filter(Boolean)).toHaveLength(0);
		expect(probe).toHaveBeenCalledTimes(1 + Math.ceil(asked.length / RUN));
		expect(get).toHaveBeenCalledTimes(asked.length);
	});

	it('sees writes made earlier in the same transaction', async () => {
		const db = await open(true);
		const table = db.table<Doc>('docs');
		const seen = await db.transaction('rw', table, async () => {
			await table.bulkPut([
				{ id: 'k1001', n: 1 },
				{ id: 'k1007', n: 7 }
			]);
			return table.bulkGet(ids(10));
		});
		expect(seen.filter(Boolean)).toEqual([
			{ id: 'k1001', n: 1 },
			{ id: 'k1007', n: 7 }
		]);
	});

	it('leaves non-string keys and small reads to the plain gets', async () => {
		const db = await open(true);
		await db.table('seq').bulkAdd([{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }, { v: 5 }]);
		const probe = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
		expect((await db.table('seq').bulkGet([1, 2, 3, 4, 9])).map((r) => r?.v)).toEqual([
			1,
			2,
			3,
			4,
			undefined
		]);
		await db.table<Doc>('docs').bulkGet(['a', 'b']);
		expect(probe).not.toHaveBeenCalled();
	});
});

describe('keys claimed absent (known-absent.ts)', () => {
	it('are answered as absent without a read; the others are read as usual', async () => {
		const db = new Dexie('rxdb-dexie-fieldbook_x--0--customers', { autoOpen: false });
		db.use(sparseGetMany);
		db.version(1).stores({ docs: 'id' });
		await db.open();
		opened.push(db);
		const stored = ids(3000, 'k').filter((_, i) => i % 2 === 0);
		await db.table<Doc>('docs').bulkPut(stored.map((id, n) => ({ id, n })));
		const fresh = ids(3000, 'k').filter((_, i) => i % 2 === 1);
		const asked = [...fresh, stored[0], stored[1]];
		const get = vi.spyOn(IDBObjectStore.prototype, 'get');
		const found = await withKnownAbsent('fieldbook_x', 'customers', fresh, () =>
			db.table<Doc>('docs').bulkGet(asked)
		);
		expect(found.slice(0, fresh.length).every((d) => d === undefined)).toBe(true);
		expect(found.slice(fresh.length)).toEqual([
			{ id: stored[0], n: 0 },
			{ id: stored[1], n: 1 }
		]);
		expect(get).toHaveBeenCalledTimes(2);
		// The claim ends with the write: the same keys are read again afterwards.
		expect(knownAbsent('rxdb-dexie-fieldbook_x--0--customers')).toBeUndefined();
		await db.table<Doc>('docs').bulkGet(fresh.slice(0, 3));
		expect(get).toHaveBeenCalledTimes(5);
	});
});
