import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RUN, sparseGetMany } from './sparse-get';

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
		expect(probe).toHaveBeenCalledTimes(Math.ceil(1000 / RUN));
	});

	it('falls back to plain reads where new keys sit between many stored ones', async () => {
		const plain = await open(false);
		const sparse = await open(true);
		const stored = ids(3000, 'k');
		for (const db of [plain, sparse]) {
			await db.table<Doc>('docs').bulkPut(stored.map((id, n) => ({ id, n })));
		}
		// Between every two stored keys: 'k1000a' sorts after 'k1000' and before 'k1001'.
		const asked = [...stored.slice(0, 500).map((k) => k + 'a'), ...stored.slice(500, 700)];
		const get = vi.spyOn(IDBObjectStore.prototype, 'get');
		const answer = await sparse.table<Doc>('docs').bulkGet(asked);
		expect(answer).toEqual(await plain.table<Doc>('docs').bulkGet(asked));
		expect(answer.filter(Boolean)).toHaveLength(200);
		expect(get.mock.calls.length).toBeGreaterThanOrEqual(200);
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
