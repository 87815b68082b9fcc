/**
 * The server's tables (Drizzle, pg-core): the same schema runs on PGlite and PostgreSQL.
 * Migrations generated from it live in server/db/migrations and are applied at start.
 */
import { bigint, boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
