/**
 * Queries that read an index range in one IndexedDB request instead of a cursor step per
 * document.
 *
 * RxDB's Dexie storage answers every query by walking an index cursor, one `continue()`
 * (one round trip to Chromium's IndexedDB backend) per document in the range, so listing
 * 20,000 customers or reading every visit for Today costs 20,000 round trips. When the whole
 * range is wanted (no limit) or the index alone decides what comes first (selector and sort
 * satisfied by the index, so the first `skip + limit` keys are the answer), one `getAll`
 * over the same key range returns the same documents. Everything else (the matcher for
 * what the index cannot decide, sorting, skip and limit) is applied exactly as the storage
 * does; other queries go to the storage unchanged.
 */
import type { PreparedQuery, RxDocumentData, RxStorage, RxStorageInstance } from 'rxdb';
import { getQueryMatcher, getSortComparator } from 'rxdb';
import {
	dexieReplaceIfStartsWithPipe,
	fromDexieToStorage,
	getKeyRangeByQueryPlan
} from 'rxdb/plugins/storage-dexie';
import { wrapInstances } from './wrap-storage';

type Doc = Record<string, unknown>;

/** What RxDB's Dexie storage instance keeps (`instance.internals`), as far as read here. */
interface DexieInternals {
	dexieDb: {
		_options: { IDBKeyRange?: typeof IDBKeyRange };
		transaction<T>(
			mode: 'r',
			table: unknown,
			scope: (tx: { idbtrans: IDBTransaction }) => Promise<T>
		): Promise<T>;
	};
	dexieTable: unknown;
	booleanIndexes: string[];
}

/** How many documents to read for `prepared`: all of the range, a first part, or none (use the cursor). */
export function wholeRangeCount(prepared: PreparedQuery<Doc>): number | 'all' | undefined {
	const { query, queryPlan } = prepared;
	if (typeof query.limit !== 'number') return 'all';
	if (queryPlan.selectorSatisfiedByIndex && queryPlan.sortSatisfiedByIndex) {
		return (query.skip ?? 0) + query.limit;
	}
	return undefined;
}

async function queryWholeRange<I, S>(
	instance: RxStorageInstance<Doc, I, S>,
	state: DexieInternals,
	prepared: PreparedQuery<Doc>,
	count: number | 'all'
): Promise<RxDocumentData<Doc>[]> {
	const { query, queryPlan } = prepared;
	const schema = instance.schema;
	let range: IDBKeyRange;
	try {
		range = getKeyRangeByQueryPlan(
			state.booleanIndexes,
			queryPlan,
			state.dexieDb._options.IDBKeyRange ?? IDBKeyRange
		);
	} catch (err) {
		// As the storage does: a range IndexedDB cannot express matches nothing.
		if ((err as Error).name === 'DataError') return [];
		throw err;
	}
	const indexName =
		'[' + queryPlan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+') + ']';
	const raw = await state.dexieDb.transaction('r', state.dexieTable, (tx) => {
		const index = tx.idbtrans.objectStore('docs').index(indexName);
		const request = count === 'all' ? index.getAll(range) : index.getAll(range, Math.max(count, 1));
		return new Promise<Doc[]>((resolve, reject) => {
			request.onsuccess = () => resolve(request.result as Doc[]);
			request.onerror = () => reject(request.error);
		});
	});
	let rows = raw.map((d) => fromDexieToStorage(state.booleanIndexes, d) as RxDocumentData<Doc>);
	if (!queryPlan.selectorSatisfiedByIndex) rows = rows.filter(getQueryMatcher(schema, query));
	if (!queryPlan.sortSatisfiedByIndex) rows.sort(getSortComparator(schema, query));
	const skip = query.skip ?? 0;
	const limit = typeof query.limit === 'number' ? query.limit : Infinity;
	return rows.slice(skip, skip + limit);
}

/** Dexie storage whose instances read whole index ranges in one request where that gives the same answer. */
export function readWholeRanges<I, S>(storage: RxStorage<I, S>): RxStorage<I, S> {
	return wrapInstances(storage, (instance) => {
		const internals = (instance as { internals?: unknown }).internals as
			Promise<DexieInternals> | undefined;
		if (!internals) return;
		const query = instance.query.bind(instance);
		instance.query = async (prepared) => {
			const count = wholeRangeCount(prepared);
			if (count === undefined || count === 0) return query(prepared);
			const documents = await queryWholeRange(instance, await internals, prepared, count);
			return { documents };
		};
	});
}
