/** The queries the pages make, as observables of plain records. */
import { map, type Observable } from 'rxjs';
import type { MangoQuery } from 'rxdb';
import type { CollectionName, RecordTypes } from '$lib/domain/collections';
import type { FieldbookDb } from './database';

type Plain<C extends CollectionName> = RecordTypes[C];

function plain<C extends CollectionName>(docs: { toJSON(): unknown }[]): Plain<C>[] {
	return docs.map((d) => d.toJSON() as Plain<C>);
}

/** Every live record of a collection. */
export function all$<C extends CollectionName>(
	db: FieldbookDb,
	collection: C
): Observable<Plain<C>[]> {
	return (db[collection] as FieldbookDb['customers']).find().$.pipe(map((docs) => plain<C>(docs)));
}

/**
 * A query's live records read once straight from the storage, as `toJSON()` gives them.
 * Not `RxQuery.exec()`: while records keep arriving (a first sync) it re-runs the query
 * until no write came during its read, which over 40,000 visits took until the sync ended.
 */
export async function readOnce<T>(
	collection: FieldbookDb[CollectionName],
	query: MangoQuery = {}
): Promise<T[]> {
	const prepared = (collection as FieldbookDb['customers']).find(query as never).getPreparedQuery();
	const { documents } = await collection.storageInstance.query(prepared as never);
	return documents.map((d) => {
		const {
			_meta: _m,
			_rev: _r,
			_attachments: _a,
			_deleted: _d,
			...rest
		} = d as Record<string, unknown>;
		return rest as T;
	});
}

/** `all$` read once (for `calmWhile`). */
export function allOnce<C extends CollectionName>(
	db: FieldbookDb,
	collection: C
): Promise<Plain<C>[]> {
	return readOnce<Plain<C>>(db[collection]);
}

/** One record, or null when missing or deleted. */
export function one$<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	id: string
): Observable<Plain<C> | null> {
	return (db[collection] as FieldbookDb['customers'])
		.findOne(id)
		.$.pipe(map((doc) => (doc ? (doc.toJSON() as Plain<C>) : null)));
}

/** A customer's child records (orders, services, visits, participations), newest first. */
export function childrenOf$<C extends 'orders' | 'services' | 'visits' | 'participations'>(
	db: FieldbookDb,
	collection: C,
	customerId: string
): Observable<Plain<C>[]> {
	return (db[collection] as FieldbookDb['orders'])
		.find({ selector: { customerId }, sort: [{ updatedAt: 'desc' }] })
		.$.pipe(map((docs) => plain<C>(docs)));
}
