/**
 * One object store in a small IndexedDB database of the worker's own (the last figures, the
 * records' snapshot): opened on first use, each request run in its own transaction and
 * answered once that transaction has committed.
 */
export type RunInStore = <T>(
	mode: IDBTransactionMode,
	fn: (store: IDBObjectStore) => IDBRequest<T>
) => Promise<T>;

/** `run` for `storeName` in database `name` (version 1), or undefined without IndexedDB. */
export function idbObjectStore(name: string, storeName: string): RunInStore | undefined {
	if (typeof indexedDB === 'undefined') return undefined;
	let opened: Promise<IDBDatabase> | undefined;
	const open = () =>
		(opened ??= new Promise<IDBDatabase>((ok, fail) => {
			const req = indexedDB.open(name, 1);
			req.onupgradeneeded = () => req.result.createObjectStore(storeName);
			req.onsuccess = () => ok(req.result);
			req.onerror = () => fail(req.error);
		}));
	return async (mode, fn) => {
		const db = await open();
		return new Promise((ok, fail) => {
			const tx = db.transaction(storeName, mode);
			const req = fn(tx.objectStore(storeName));
			let result: (typeof req)['result'];
			req.onsuccess = () => (result = req.result);
			tx.oncomplete = () => ok(result);
			tx.onerror = () => fail(tx.error ?? req.error);
			tx.onabort = () => fail(tx.error ?? new Error('aborted'));
		});
	};
}
