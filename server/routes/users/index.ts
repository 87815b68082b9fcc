/**
 * The user admin (admins only): `GET /api/users` → `{users}`, `POST /api/users` → 201
 * `{user}`, `PATCH /api/users/:id` → `{user}`. Users show `disabled`, never a password hash.
 */
import { Hono } from 'hono';
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { AppEnv } from '../../http/types';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { ApiError, notFound } from '../../http/errors';
import { readJson } from '../../http/validate';
import { requireRole, requireUser } from '../../auth/middleware';
import {
	fieldError,
	findUser,
	insertUser,
	withAccountsLock,
	type UserRow
} from '../../auth/accounts';
import { hashPassword } from '../../auth/password';
import { revokeUserSessions } from '../../auth/sessions';
import { newUserSchema, toAdminUser, userPatchSchema, type Role } from '../../auth/user';
import { userScopeChanged } from '../../sync/scope-hooks';
import { managerProblem, patchedState } from './rules';

async function assertManager(
	tx: Db,
	userId: string | undefined,
	role: Role,
	managerId: string | null
) {
	const manager = managerId ? await findUser(tx, managerId) : undefined;
	const problem = managerProblem({ userId, role, managerId, manager });
	if (problem) throw fieldError('managerId', problem);
}

async function countWhere(tx: Db, where: ReturnType<typeof and>) {
	const [row] = await tx.select({ n: count() }).from(users).where(where);
	return Number(row?.n ?? 0);
}

/** 409 when a change would leave no enabled admin, or leave reps managed by a non-manager. */
async function assertStillConsistent(
	tx: Db,
	before: UserRow,
	after: { role: Role; disabled: boolean }
) {
	const wasActiveAdmin = before.role === 'admin' && !before.disabled;
	if (wasActiveAdmin && (after.role !== 'admin' || after.disabled)) {
		const others = await countWhere(
			tx,
			and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, before.id))
		);
		if (others === 0) {
			throw new ApiError(
				409,
				'last_admin',
				'This is the last enabled admin: make another admin first.'
			);
		}
	}
	if (before.role === 'manager' && after.role !== 'manager') {
		const reps = await countWhere(tx, eq(users.managerId, before.id));
		if (reps > 0) {
			throw new ApiError(
				409,
				'manager_has_reps',
				`This manager still manages ${reps} rep${reps === 1 ? '' : 's'}: give them another manager first.`
			);
		}
	}
}

export function usersRoutes() {
	return new Hono<AppEnv>()
		.use('*', requireUser, requireRole('admin'))
		.get('/', async (c) => {
			const rows = await c.var.deps.database.db.select().from(users).orderBy(asc(users.username));
			return c.json({ users: rows.map(toAdminUser) });
		})
		.post('/', async (c) => {
			const body = await readJson(c, newUserSchema);
			const managerId = body.managerId ?? null;
			const passwordHash = await hashPassword(body.password);
			const row = await withAccountsLock(c.var.deps.database.db, async (tx) => {
				await assertManager(tx, undefined, body.role, managerId);
				return insertUser(tx, { ...body, managerId, passwordHash });
			});
			return c.json({ user: toAdminUser(row) }, 201);
		})
		.patch('/:id', async (c) => {
			const { database, now } = c.var.deps;
			const id = c.req.param('id');
			const patch = await readJson(c, userPatchSchema);
			if (!(await findUser(database.db, id))) throw notFound('User');
			const passwordHash =
				patch.password === undefined ? undefined : await hashPassword(patch.password);
			const row = await withAccountsLock(database.db, async (tx) => {
				const before = await findUser(tx, id);
				if (!before) throw notFound('User');
				const after = patchedState(before, patch);
				await assertManager(tx, id, after.role, after.managerId);
				await assertStillConsistent(tx, before, after);
				const at = now();
				const [updated] = await tx
					.update(users)
					.set({
						...after,
						displayName: patch.displayName ?? before.displayName,
						passwordHash: passwordHash ?? before.passwordHash
					})
					.where(eq(users.id, id))
					.returning();
				if (passwordHash || (after.disabled && !before.disabled))
					await revokeUserSessions(tx, id, at);
				if (after.role !== before.role || after.managerId !== before.managerId) {
					await userScopeChanged(tx, {
						userId: id,
						previousManagerId: before.managerId,
						managerId: after.managerId,
						previousRole: before.role,
						role: after.role,
						at
					});
				}
				return updated;
			});
			return c.json({ user: toAdminUser(row) });
		});
}
