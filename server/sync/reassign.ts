/**
 * Scope changes in the feed. Records a user gains are re-sent by moving them to a new feed
 * position (everyone who sees them now gets them again); a user who loses a record gets a
 * per-user tombstone carrying the last state they could see. These statements take
 * `nextval('sync_seq')` themselves, so each entry point takes the feed lock first (in a push:
 * after its own write, while it holds the customer's record lock, which keeps every push of
 * that customer's children out, so none of their rows is locked by a transaction waiting
 * for the feed lock).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { CHILD_COLLECTIONS } from '#domain/collections';
import type { StoredRow } from './decide';
import { lockFeed, rowsOf } from './feed';
import { viewersOfOwner, visibleSql, type Viewer } from './scope';

const CHILDREN = [...CHILD_COLLECTIONS];
const TOMBSTONE = sql`'{"_deleted": true}'::jsonb`;

/** Tombstones, for `userId`, the rows `where` selects (current states). */
async function tombstoneFor(tx: Db, userId: string, where: SQL): Promise<void> {
	await tx.execute(sql`
		insert into sync_user_feed (seq, user_id, collection, record_id, data)
		select nextval('sync_seq'), ${userId}, t.collection, t.id, t.data from (
			select r.collection, r.id, r.data || ${TOMBSTONE} as data from sync_records r
			where ${where} order by r.collection, r.id
		) t`);
}

/** Moves a customer's children to new feed positions, with the customer's (new) owner. */
async function bumpChildren(tx: Db, customerId: string, ownerId: string | null): Promise<void> {
	await tx.execute(sql`
		update sync_records set seq = nextval('sync_seq'), customer_owner_id = ${ownerId}
		where customer_id = ${customerId} and collection in ${CHILDREN}`);
}

/** A customer whose children arrived first: they take its scope now. */
export async function customerArrived(tx: Db, customer: StoredRow): Promise<void> {
	const pending = rowsOf<{ pushed_by: string }>(
		await tx.execute(sql`
			select distinct pushed_by from sync_records
			where customer_id = ${customer.data.id} and collection in ${CHILDREN}`)
	);
	if (!pending.length) return;
	await lockFeed(tx);
	const viewers = await viewersOfOwner(tx, customer.ownerId!);
	for (const { pushed_by } of pending) {
		if (viewers.has(pushed_by)) continue;
		await tombstoneFor(
			tx,
			pushed_by,
			sql`r.customer_id = ${customer.data.id} and r.collection in ${CHILDREN} and r.pushed_by = ${pushed_by}`
		);
	}
	await bumpChildren(tx, customer.data.id, customer.ownerId);
}

/** A customer moved to another owner: losers get tombstones (old state), gainers the records. */
export async function customerReassigned(
	tx: Db,
	before: StoredRow,
	after: StoredRow
): Promise<void> {
	await lockFeed(tx);
	const was = await viewersOfOwner(tx, before.ownerId!);
	const now = await viewersOfOwner(tx, after.ownerId!);
	const id = before.data.id;
	for (const userId of was) {
		if (now.has(userId)) continue;
		await tx.execute(sql`
			insert into sync_user_feed (seq, user_id, collection, record_id, data)
			values (nextval('sync_seq'), ${userId}, 'customers', ${id}, ${JSON.stringify({ ...before.data, _deleted: true })}::jsonb)`);
		await tombstoneFor(tx, userId, sql`r.customer_id = ${id} and r.collection in ${CHILDREN}`);
	}
	await bumpChildren(tx, id, after.ownerId);
}

/**
 * Moves `before`→`after` for one user: tombstones what they no longer see, re-sends what they
 * gained. The caller holds the writers' gate exclusive and the feed lock (`userScopeChanged`).
 */
export async function viewerChanged(tx: Db, before: Viewer, after: Viewer): Promise<void> {
	for (const collection of ['customers', ...CHILDREN] as const) {
		const was = visibleSql(before, collection);
		const is = visibleSql(after, collection);
		await tombstoneFor(tx, after.id, sql`r.collection = ${collection} and ${was} and not ${is}`);
		await tx.execute(sql`
			update sync_records r set seq = nextval('sync_seq')
			where r.collection = ${collection} and ${is} and not ${was}`);
	}
}
