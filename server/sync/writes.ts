/** The push's SQL writes: a record at a new feed position, and history rows. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { syncHistory, syncRecords } from '../db/schema';
import type { CollectionName } from '#domain/collections';
import type { Doc } from '#domain/sync/merge';
import type { HistoryEntry, StoredRow } from './decide';

/**
 * Stores `doc` at the next feed position (the caller holds the feed lock). For a child,
 * `customerOwnerId` is its customer's owner (null while the customer has not arrived).
 */
export async function writeRecord(
	tx: Db,
	collection: CollectionName,
	doc: Doc,
	pushedBy: string,
	isNew: boolean,
	customerOwnerId: string | null = null
): Promise<StoredRow> {
	const row = {
		collection,
		id: doc.id,
		data: doc,
		ownerId: collection === 'customers' ? (doc.ownerId as string) : null,
		customerId: typeof doc.customerId === 'string' ? doc.customerId : null,
		customerOwnerId: collection === 'customers' ? null : customerOwnerId,
		pushedBy,
		deleted: doc._deleted === true,
		updatedAt: doc.updatedAt,
		seq: sql`nextval('sync_seq')` as unknown as number
	};
	if (isNew) await tx.insert(syncRecords).values(row);
	else
		await tx
			.insert(syncRecords)
			.values(row)
			.onConflictDoUpdate({
				target: [syncRecords.collection, syncRecords.id],
				set: {
					data: row.data,
					ownerId: row.ownerId,
					customerId: row.customerId,
					customerOwnerId: row.customerOwnerId,
					deleted: row.deleted,
					updatedAt: row.updatedAt,
					seq: row.seq
				}
			});
	return { data: doc, ownerId: row.ownerId, customerId: row.customerId, pushedBy };
}

export async function writeHistory(tx: Db, entries: HistoryEntry[]): Promise<void> {
	for (let i = 0; i < entries.length; i += 500) {
		await tx.insert(syncHistory).values(
			entries.slice(i, i + 500).map((e) => ({
				collection: e.collection,
				recordId: e.recordId,
				at: e.at,
				userId: e.userId,
				kind: e.kind,
				field: e.field ?? null,
				value: e.value === undefined ? null : e.value,
				previous: e.previous === undefined ? null : e.previous,
				deviceAt: e.deviceAt ?? null
			}))
		);
	}
}
