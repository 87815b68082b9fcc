/**
 * A Dexie middleware that skips reading keys IndexedDB does not hold.
 *
 * RxDB's Dexie storage reads every key of a write before writing it (to detect conflicts),
 * and its replication reads the fork and the replication meta before each pulled batch: a
 * device's first sync or a bulk insert asks for hundreds of thousands of keys that do not
 * exist yet, each a `get` request. Here the requested keys are sorted; one `getAllKeys`
 * over their whole range, limited to `DENSE` stored keys per requested key, says which are
 * stored, and only those are read. Where the range holds more (a few new keys scattered
 * between very many stored ones) they are cut into runs of `RUN` keys, each probed the same
 * way (at most `RUN + 1` keys); a run whose range holds more stored keys than that falls
 * back to one `get` per key, so the cost is never much above the plain reads. Everything runs in the caller's transaction, so it sees exactly
 * what the plain `get`s would have seen. Keys a caller claims absent (known-absent.ts) are
 * not read at all. Measured in headless Chromium on the shared 2-core machine (2026-11-22,
 * load 5; 2,000 keys asked, 20,000 stored, runs only): keys in a fresh range 3–31 ms
 * instead of 43–75 ms; keys scattered between stored ones 81–111 ms against 71–104 ms for
 * the plain reads (the whole-range probe: docs/BENCHMARKS.md).
 */
import Dexie, { type DBCore, type DBCoreGetManyRequest, type Middleware } from 'dexie';
import { knownAbsent } from './known-absent';

/** Reads of fewer keys than this stay plain `get`s. */
export const SPARSE_MIN_KEYS = 4;
/** Keys per probed run. */
export const RUN = 64;
/** Stored keys per requested key the whole-range probe may return. */
export const DENSE = 16;
/** At most this many keys from the whole-range probe. */
export const MAX_WHOLE_RANGE = 50_000;

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

/** Reads `wanted` (sorted, unique) run by run: one `getAllKeys` per run of `RUN` keys. */
function readByRuns(store: IDBObjectStore, wanted: string[]): Promise<Map<string, unknown>> {
	const found = new Map<string, unknown>();
	return new Dexie.Promise<Map<string, unknown>>((resolve, reject) => {
		let pending = 0;
		const done = () => {
			if (--pending === 0) resolve(found);
		};
		const read = (key: string) => {
			pending++;
			const req = store.get(key);
			req.onerror = () => reject(req.error);
			req.onsuccess = () => {
				if (req.result !== undefined) found.set(key, req.result);
				done();
			};
		};
		for (let start = 0; start < wanted.length; start += RUN) {
			const run = wanted.slice(start, start + RUN);
			const range = IDBKeyRange.bound(run[0], run[run.length - 1]);
			pending++;
			const probe = store.getAllKeys(range, run.length + 1);
			probe.onerror = () => reject(probe.error);
			probe.onsuccess = () => {
				const stored = probe.result as string[];
				if (stored.length > run.length) {
					run.forEach(read);
				} else {
					const present = new Set(stored);
					for (const key of run) if (present.has(key)) read(key);
				}
				done();
			};
		}
		if (pending === 0) resolve(found);
	});
}

/** Reads `keys` (all stored) from `store` into `found`. */
function readKeys(
	store: IDBObjectStore,
	keys: string[],
	found: Map<string, unknown>
): Promise<Map<string, unknown>> {
	return new Dexie.Promise<Map<string, unknown>>((resolve, reject) => {
		let pending = keys.length;
		if (pending === 0) resolve(found);
		for (const key of keys) {
			const req = store.get(key);
			req.onerror = () => reject(req.error);
			req.onsuccess = () => {
				if (req.result !== undefined) found.set(key, req.result);
				if (--pending === 0) resolve(found);
			};
		}
	});
}

/**
 * Reads `wanted` (sorted, unique) from `store`; keys that are not stored are not in the map.
 * First one `getAllKeys` over the whole requested range, limited to `DENSE` stored keys per
 * requested key: where new keys are scattered among a few thousand stored ones (a batch of a
 * bulk insert, ids made at many different times) that one answer says which are stored,
 * instead of a `get` per key. Where the range holds more, it goes run by run.
 */
export function readSparse(store: IDBObjectStore, wanted: string[]): Promise<Map<string, unknown>> {
	const limit = Math.min(DENSE * wanted.length, MAX_WHOLE_RANGE) + 1;
	return new Dexie.Promise<string[]>((resolve, reject) => {
		const probe = store.getAllKeys(IDBKeyRange.bound(wanted[0], wanted[wanted.length - 1]), limit);
		probe.onerror = () => reject(probe.error);
		probe.onsuccess = () => resolve(probe.result as string[]);
	}).then((stored) => {
		if (stored.length >= limit) return readByRuns(store, wanted);
		const present = new Set(stored);
		return readKeys(
			store,
			wanted.filter((k) => present.has(k)),
			new Map()
		);
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
						const absent = knownAbsent(down.schema.name);
						const keys = absent ? req.keys.filter((k) => !absent.has(k as string)) : req.keys;
						const wanted = keys.length >= SPARSE_MIN_KEYS ? sortedKeys(keys) : undefined;
						if (!wanted) {
							if (keys === req.keys) return table.getMany(req);
							return table.getMany({ ...req, keys }).then((values) => {
								const found = new Map(keys.map((k, i) => [k, values[i]]));
								return req.keys.map((k) => found.get(k));
							});
						}
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
