/**
 * The change feed. Every `sync_seq` value is taken under one transaction advisory lock (the
 * feed lock) held until that transaction ends, so commit order equals feed order and a reader
 * never sees position N+1 before N: a checkpoint on `seq` then never skips a change.
 *
 * A push does not hold the feed lock across its round trips: it writes its records at
 * placeholder positions (`PENDING_SEQ`, negative) and a deferred trigger (migration 0004)
 * takes the lock and the real positions while PostgreSQL commits it. Pushes exclude each
 * other per record instead (`lockRecords`). Scope changes, which are rare and rewrite many
 * rows, take the writers' gate exclusive and the feed lock directly (`lockFeed`).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { CollectionName } from '#domain/collections';
import type { Checkpoint } from '#domain/sync/protocol';
import { visibleSql, type Viewer } from './scope';

export const FEED_LOCK = 727402;
/** Pushes hold it shared (`lockRecords`), scope changes exclusive (`lockWriters`). */
export const WRITERS_GATE = 727403;
export const FEED_CHANNEL = 'fieldbook_sync';

/** A placeholder feed position for a pushed record; the commit trigger replaces it. */
export const PENDING_SEQ = sql`-nextval('sync_pending')`;

/**
 * Serialises feed writers until the transaction ends; call before any statement that takes
 * `nextval('sync_seq')` itself (scope changes). Pushes write `PENDING_SEQ` instead.
 */
export async function lockFeed(tx: Db): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(${FEED_LOCK})`);
}

/** A record named by collection and id. */
export interface RecordKey {
	collection: CollectionName;
	id: string;
}

/** What a push reads of a stored record. */
export interface LockedRow {
	collection: CollectionName;
	id: string;
	data: Record<string, unknown>;
	ownerId: string | null;
	customerId: string | null;
	pushedBy: string;
	seq: number;
}

/**
 * A push's locks until its transaction ends: the writers' gate shared, then `write` records
 * exclusive and `read` records shared (customers whose owner the push copies into
 * children), all in one fixed order so two pushes never deadlock; then, in the same round
 * trip, the stored rows of every named record that exists (read after the locks). Keys are
 * `collection/id`.
 */
export async function lockRecords(
	tx: Db,
	write: RecordKey[],
	read: RecordKey[] = []
): Promise<Map<string, LockedRow>> {
	const pairs = (keys: RecordKey[]) => JSON.stringify(keys.map((k) => [k.collection, k.id]));
	return lockedRows(
		await tx.execute(
			sql`select collection, id, data, owner_id, customer_id, pushed_by, seq::float8 as seq
			from sync_lock_read(${pairs(write)}::jsonb, ${pairs(read)}::jsonb)`
		)
	);
}

/** The stored rows of `keys` that exist, without locks (an optimistic push's first read). */
export async function readRecords(db: Db, keys: RecordKey[]): Promise<Map<string, LockedRow>> {
	const pairs = JSON.stringify(keys.map((k) => [k.collection, k.id]));
	return lockedRows(
		await db.execute(
			sql`select r.collection, r.id, r.data, r.owner_id, r.customer_id, r.pushed_by,
				r.seq::float8 as seq
			from jsonb_array_elements(${pairs}::jsonb) k
			join sync_records r on r.collection = k->>0 and r.id = k->>1`
		)
	);
}

function lockedRows(result: unknown): Map<string, LockedRow> {
	const rows = rowsOf<{
		collection: CollectionName;
		id: string;
		data: Record<string, unknown>;
		owner_id: string | null;
		customer_id: string | null;
		pushed_by: string;
		seq: number;
	}>(result);
	return new Map(
		rows.map((r) => [
			`${r.collection}/${r.id}`,
			{
				collection: r.collection,
				id: r.id,
				data: r.data,
				ownerId: r.owner_id,
				customerId: r.customer_id,
				pushedBy: r.pushed_by,
				seq: Number(r.seq)
			}
		])
	);
}

/** Scope changes: waits for pushes in flight and keeps new ones out until the transaction ends. */
export async function lockWriters(tx: Db): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(${WRITERS_GATE})`);
}

/** Tells every server process (this one too) that the feed moved; delivered on commit. */
export async function notifyFeed(tx: Db, what: 'records' | 'scope'): Promise<void> {
	await tx.execute(sql`select pg_notify(${FEED_CHANNEL}, ${what})`);
}

export function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

/**
 * A page of the feed for one viewer and collection, as the JSON text of the pull answer
 * (`{documents, checkpoint}`): records they see now and tombstones addressed to them, in
 * feed order, scope applied before the limit. Documents go out as PostgreSQL's jsonb text,
 * never parsed and re-serialised here.
 */
export async function pullPage(
	db: Db,
	viewer: Viewer,
	collection: CollectionName,
	checkpoint: Checkpoint | null | undefined,
	limit: number
): Promise<string> {
	const rows = rowsOf<{ seq: number; json: string }>(
		await db.execute(pullSql(viewer, collection, checkpoint?.seq ?? 0, limit))
	);
	if (!rows.length) return JSON.stringify({ documents: [], checkpoint: checkpoint ?? null });
	const last = Number(rows[rows.length - 1].seq);
	return `{"documents":[${rows.map((r) => r.json).join(',')}],"checkpoint":{"seq":${last}}}`;
}

/**
 * The pull's query. Each branch is ordered and limited on its own, so PostgreSQL walks the
 * feed indexes from the checkpoint and stops after `limit` visible rows (a merge of two
 * short lists) instead of sorting everything after the checkpoint; `order by x.seq` is the
 * bigint column (no index has the float8 output). See bench/sync-explain.ts for the plans.
 */
export function pullSql(
	viewer: Viewer,
	collection: CollectionName,
	after: number,
	limit: number
): SQL {
	return sql`
		select x.seq::float8 as seq, x.data::text as json from (
			(select r.seq, r.data from sync_records r
			where r.collection = ${collection} and r.seq > ${after} and ${visibleSql(viewer, collection)}
			order by r.seq limit ${limit})
			union all
			(select f.seq, f.data from sync_user_feed f
			where f.user_id = ${viewer.id} and f.collection = ${collection} and f.seq > ${after}
			order by f.seq limit ${limit})
		) x order by x.seq limit ${limit}`;
}

/** The highest committed feed position (0 on an empty feed). */
export async function feedHead(db: Db): Promise<number> {
	const [row] = rowsOf<{ seq: number | null }>(
		await db.execute(sql`
			select greatest((select max(seq) from sync_records), (select max(seq) from sync_user_feed))::float8 as seq`)
	);
	return Number(row?.seq ?? 0);
}
