/** The queries the pages make, as observables of plain records. */
import { map, type Observable } from 'rxjs';
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

/** `all$` read once (for `calmWhile`). */
export async function allOnce<C extends CollectionName>(
	db: FieldbookDb,
	collection: C
): Promise<Plain<C>[]> {
	return plain<C>(await (db[collection] as FieldbookDb['customers']).find().exec());
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
