/**
 * The server's tables (Drizzle, pg-core): the same schema runs on PGlite and PostgreSQL.
 * Migrations generated from it live in server/db/migrations and are applied at start.
 */
import {
	bigint,
	boolean,
	index,
	jsonb,
	pgSequence,
	pgTable,
	primaryKey,
	text,
	timestamp
} from 'drizzle-orm/pg-core';

export const users = pgTable(
	'users',
	{
		id: text('id').primaryKey(),
		username: text('username').notNull().unique(),
		displayName: text('display_name').notNull(),
		role: text('role', { enum: ['admin', 'manager', 'rep'] }).notNull(),
		managerId: text('manager_id'),
		passwordHash: text('password_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		disabled: boolean('disabled').notNull().default(false)
	},
	(t) => [index('users_manager_idx').on(t.managerId)]
);

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the bearer token: a leaked table does not leak sessions. */
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
		expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
		revokedAt: bigint('revoked_at', { mode: 'number' })
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Global position in the change feed: taken only under the feed lock (server/sync/feed.ts). */
export const syncSeq = pgSequence('sync_seq', { startWith: 1 });

/**
 * Placeholder positions: a push writes its records at `-nextval('sync_pending')` (unique,
 * negative, taken without any lock); a deferred trigger gives them their `sync_seq` at
 * COMMIT under the feed lock (migration 0004, docs/SYNC.md "The change feed never skips").
 */
export const syncPending = pgSequence('sync_pending', { startWith: 1 });

/**
 * Synced records: `data` is the validated document exactly as devices see it; the other
 * columns are the server's bookkeeping (scope, feed position).
 */
export const syncRecords = pgTable(
	'sync_records',
	{
		collection: text('collection').notNull(),
		id: text('id').notNull(),
		data: jsonb('data').$type<Record<string, unknown>>().notNull(),
		/** customers: the owning user. */
		ownerId: text('owner_id'),
		/** orders, services, visits, participations: the customer they belong to. */
		customerId: text('customer_id'),
		/**
		 * Children: their customer's owner, copied on every write of the child and of the
		 * customer (arrival, reassignment); null while the customer has not arrived. Lets a
		 * pull filter children by scope while walking the feed index in `seq` order.
		 */
		customerOwnerId: text('customer_owner_id'),
		pushedBy: text('pushed_by').notNull(),
		deleted: boolean('deleted').notNull(),
		updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
		seq: bigint('seq', { mode: 'number' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.collection, t.id] }),
		index('sync_records_feed_idx').on(t.collection, t.seq),
		index('sync_records_seq_idx').on(t.seq),
		index('sync_records_owner_idx').on(t.collection, t.ownerId),
		index('sync_records_customer_idx').on(t.customerId)
	]
);

/**
 * Per-user feed entries: the tombstone a user gets when they lose sight of a record
 * (reassignment, manager or role change), carrying the last state they could see.
 */
export const syncUserFeed = pgTable(
	'sync_user_feed',
	{
		seq: bigint('seq', { mode: 'number' }).primaryKey(),
		userId: text('user_id').notNull(),
		collection: text('collection').notNull(),
		recordId: text('record_id').notNull(),
		data: jsonb('data').$type<Record<string, unknown>>().notNull()
	},
	(t) => [index('sync_user_feed_idx').on(t.userId, t.collection, t.seq)]
);

/** Every accepted change per field, conflict losers and refused edits (GET /api/history). */
export const syncHistory = pgTable(
	'sync_history',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		collection: text('collection').notNull(),
		recordId: text('record_id').notNull(),
		at: bigint('at', { mode: 'number' }).notNull(),
		userId: text('user_id').notNull(),
		kind: text('kind', { enum: ['create', 'edit', 'delete', 'conflict', 'refused'] }).notNull(),
		field: text('field'),
		value: jsonb('value'),
		previous: jsonb('previous'),
		deviceAt: bigint('device_at', { mode: 'number' })
	},
	(t) => [index('sync_history_record_idx').on(t.collection, t.recordId, t.id)]
);
