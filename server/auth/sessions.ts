/**
 * Server-side sessions: a random bearer token, stored only as its SHA-256, valid 30 days,
 * revocable (sign-out, or an admin disabling the user).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { toPublicUser, type PublicUser } from './user';

export const SESSION_MS = 30 * 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

export async function createSession(db: Db, userId: string, now = Date.now()): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.insert(sessions).values({
		tokenHash: hashToken(token),
		userId,
		createdAt: now,
		expiresAt: now + SESSION_MS
	});
	return token;
}

/** The user behind a bearer token, or undefined when missing, expired, revoked or disabled. */
export async function userForToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<PublicUser | undefined> {
	if (token.length < 20 || token.length > 200) return undefined;
	const rows = await db
		.select({ user: users })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(
			and(
				eq(sessions.tokenHash, hashToken(token)),
				gt(sessions.expiresAt, now),
				isNull(sessions.revokedAt),
				eq(users.disabled, false)
			)
		)
		.limit(1);
	return rows[0] ? toPublicUser(rows[0].user) : undefined;
}

export async function revokeSession(db: Db, token: string, now = Date.now()): Promise<void> {
	await db
		.update(sessions)
		.set({ revokedAt: now })
		.where(eq(sessions.tokenHash, hashToken(token)));
}

/** Ends every live session of a user (disabled, or their password changed). */
export async function revokeUserSessions(db: Db, userId: string, now = Date.now()): Promise<void> {
	await db
		.update(sessions)
		.set({ revokedAt: now })
		.where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
