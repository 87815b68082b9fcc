/**
 * The push's SQL write: every changed record at a placeholder feed position (its real one is
 * taken at COMMIT under the feed lock, see feed.ts), the history rows and the feed
 * notification in ONE statement.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { CollectionName } from '#domain/collections';
import type { Doc } from '#domain/sync/merge';
import type { HistoryEntry, StoredRow } from './decide';
import { FEED_CHANNEL, PENDING_SEQ, rowsOf } from './feed';

/** A record to store, with its scope columns. */
export interface RecordWrite extends StoredRow {
	/** Children: their customer's owner (null while the customer has not arrived). */
	customerOwnerId: string | null;
}

/** The row for `doc`; for a child, `customerOwnerId` is its customer's owner or null. */
export function recordWrite(
	collection: CollectionName,
	doc: Doc,
	pushedBy: string,
	customerOwnerId: string | null
): RecordWrite {
	return {
		data: doc,
		ownerId: collection === 'customers' ? (doc.ownerId as string) : null,
		customerId: typeof doc.customerId === 'string' ? doc.customerId : null,
		customerOwnerId: collection === 'customers' ? null : customerOwnerId,
		pushedBy
	};
}

/**
 * Stores `records` at new feed positions, taken in list order when the transaction commits
 * (the caller holds their record locks, or passes a `guard` that takes them, and lists each
 * id once), appends `history`, and notifies streams when any record moved. An existing
 * record keeps its `pushed_by`. `guard` (a boolean SQL expression, evaluated once, before
 * any row is written): when false nothing is written and the answer is false.
 */
export async function writeBatch(
	tx: Db,
	collection: CollectionName,
	records: RecordWrite[],
	history: HistoryEntry[],
	guard?: SQL
): Promise<boolean> {
	if (!records.length && !history.length) return true;
	const recordsJson = JSON.stringify(
		records.map((r, ord) => ({
			ord,
			id: r.data.id,
			data: r.data,
			owner_id: r.ownerId,
			customer_id: r.customerId,
			customer_owner_id: r.customerOwnerId,
			pushed_by: r.pushedBy,
			deleted: r.data._deleted === true,
			updated_at: r.data.updatedAt
		}))
	);
	const historyJson = JSON.stringify(
		history.map((e, ord) => ({
			ord,
			collection: e.collection,
			record_id: e.recordId,
			at: e.at,
			user_id: e.userId,
			kind: e.kind,
			field: e.field ?? null,
			value: e.value ?? null,
			previous: e.previous ?? null,
			device_at: e.deviceAt ?? null
		}))
	);
	const [row] = rowsOf<{ ok: boolean }>(
		await tx.execute(sql`
		with g as (select ${guard ?? sql`true`} as ok), rec as (
			insert into sync_records (collection, id, data, owner_id, customer_id, customer_owner_id,
				pushed_by, deleted, updated_at, seq)
			select ${collection}, x.id, x.data, x.owner_id, x.customer_id, x.customer_owner_id,
				x.pushed_by, x.deleted, x.updated_at, ${PENDING_SEQ}
			from jsonb_to_recordset(${recordsJson}::jsonb) as x(ord int, id text, data jsonb,
				owner_id text, customer_id text, customer_owner_id text, pushed_by text,
				deleted boolean, updated_at bigint) cross join g
			where g.ok
			order by x.ord
			on conflict (collection, id) do update set data = excluded.data,
				owner_id = excluded.owner_id, customer_id = excluded.customer_id,
				customer_owner_id = excluded.customer_owner_id, deleted = excluded.deleted,
				updated_at = excluded.updated_at, seq = excluded.seq
		), hist as (
			insert into sync_history (collection, record_id, at, user_id, kind, field, value,
				previous, device_at)
			select h.collection, h.record_id, h.at, h.user_id, h.kind, h.field, h.value,
				h.previous, h.device_at
			from jsonb_to_recordset(${historyJson}::jsonb) as h(ord int, collection text,
				record_id text, at bigint, user_id text, kind text, field text, value jsonb,
				previous jsonb, device_at bigint) cross join g
			where g.ok
			order by h.ord
		)
		select g.ok, case when g.ok then ${records.length ? sql`pg_notify(${FEED_CHANNEL}, 'records')` : sql`null`} end
		from g`)
	);
	return row?.ok === true;
}
