/**
 * Account writes shared by setup and the users admin: one advisory lock serialises them,
 * so "first user", "username taken" and "managerId names a manager" cannot race.
 */
import { count, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { ApiError } from '../http/errors';
import type { Role } from './user';

// Its own key: 727402 is the sync feed lock, which pushes take at COMMIT while holding the
// writers' gate that a manager or role change waits for in this lock (a deadlock if shared).
const USERS_LOCK = 727_405;

/** Runs `work` in a transaction holding the accounts lock. */
export function withAccountsLock<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`SELECT pg_advisory_xact_lock(${USERS_LOCK})`);
		return work(tx as unknown as Db);
	});
}

export async function userCount(db: Db): Promise<number> {
	const [row] = await db.select({ n: count() }).from(users);
	return Number(row?.n ?? 0);
}

export type UserRow = typeof users.$inferSelect;

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
	if (id.length > 64) return undefined;
	const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
	return row;
}

export async function findUserByName(db: Db, username: string): Promise<UserRow | undefined> {
	const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
	return row;
}

/** A 400 pointing at one field, shaped like zod's issues so clients show it at the field. */
export function fieldError(field: string, message: string): ApiError {
	return new ApiError(400, 'invalid_input', `Invalid body: ${field} ${message}`, [
		{ path: [field], code: 'custom', message }
	]);
}

export const usernameTaken = (username: string) =>
	new ApiError(409, 'username_taken', `The username "${username}" is taken: choose another.`);

export interface NewUser {
	username: string;
	passwordHash: string;
	role: Role;
	managerId: string | null;
	displayName?: string;
}

/** Inserts a user (call inside `withAccountsLock`); 409 when the username is taken. */
export async function insertUser(tx: Db, input: NewUser): Promise<UserRow> {
	if (await findUserByName(tx, input.username)) throw usernameTaken(input.username);
	const [row] = await tx
		.insert(users)
		.values({
			id: uuidv7(),
			username: input.username,
			displayName: input.displayName ?? input.username,
			role: input.role,
			managerId: input.managerId,
			passwordHash: input.passwordHash
		})
		.returning();
	return row;
}
