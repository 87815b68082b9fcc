/**
 * Deleting a customer deletes its orders, services, visits and participations with it
 * (soft deletes, so they sync as tombstones), and undo brings all of them back.
 */
import type { FieldbookDb } from '$lib/db/database';
import { deleteRecord, restoreRecord } from '$lib/db/records';
import {
	CHILD_COLLECTIONS,
	type ChildCollectionName,
	type RecordTypes
} from '$lib/domain/collections';
import type { Customer } from '$lib/domain/customer';

/** What a customer delete removed, for undo. */
export interface DeletedCustomer {
	customer: Customer;
	children: { [C in ChildCollectionName]: RecordTypes[C][] };
}

/** Soft-deletes the customer and its child records; undefined when it was not there. */
export async function deleteCustomer(
	db: FieldbookDb,
	id: string
): Promise<DeletedCustomer | undefined> {
	const children = {} as DeletedCustomer['children'];
	for (const name of CHILD_COLLECTIONS) {
		const docs = await db[name].find({ selector: { customerId: id } }).exec();
		const removed: unknown[] = [];
		for (const doc of docs) {
			const before = await deleteRecord(db, name, doc.id);
			if (before) removed.push(before);
		}
		children[name] = removed as never;
	}
	const customer = await deleteRecord(db, 'customers', id);
	return customer ? { customer, children } : undefined;
}

/** Undo of deleteCustomer: the customer first, then its children. */
export async function restoreCustomer(db: FieldbookDb, deleted: DeletedCustomer): Promise<void> {
	await restoreRecord(db, 'customers', deleted.customer);
	for (const name of CHILD_COLLECTIONS) {
		for (const record of deleted.children[name]) await restoreRecord(db, name, record as never);
	}
}
