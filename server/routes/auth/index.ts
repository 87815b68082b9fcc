/**
 * Signing in and out: `POST /api/auth/login` → `{token, user}`, `POST /api/auth/logout` → 204,
 * and `GET /api/me` (meRoutes). Failed sign-ins are limited per address and per username.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { ApiError } from '../../http/errors';
import { readJson } from '../../http/validate';
import { assertNotLimited, clientAddress, type SignInLimits } from '../../http/rate-limit';
import { findUserByName } from '../../auth/accounts';
import { dummyVerify, verifyPassword } from '../../auth/password';
import { createSession, revokeSession } from '../../auth/sessions';
import { requireUser } from '../../auth/middleware';
import { credentialsSchema, toPublicUser } from '../../auth/user';

const badCredentials = () => new ApiError(401, 'bad_credentials', 'Wrong username or password.');

export function authRoutes(limits: SignInLimits) {
	return new Hono<AppEnv>()
		.post('/login', async (c) => {
			const { database, now, trustProxy } = c.var.deps;
			const address = clientAddress(c, trustProxy);
			assertNotLimited(c, [[limits.address, address]]);
			let credentials;
			try {
				credentials = await readJson(c, credentialsSchema);
			} catch (err) {
				limits.address.fail(address);
				throw err;
			}
			const { username, password } = credentials;
			assertNotLimited(c, [[limits.username, username]]);
			const row = await findUserByName(database.db, username);
			const ok = row
				? await verifyPassword(password, row.passwordHash)
				: await dummyVerify(password);
			if (!row || !ok) {
				limits.address.fail(address);
				limits.username.fail(username);
				throw badCredentials();
			}
			if (row.disabled) {
				throw new ApiError(
					401,
					'account_disabled',
					'This account is disabled: ask an administrator to enable it.'
				);
			}
			limits.username.reset(username);
			const token = await createSession(database.db, row.id, now());
			return c.json({ token, user: toPublicUser(row) });
		})
		.post('/logout', requireUser, async (c) => {
			await revokeSession(c.var.deps.database.db, c.var.token, c.var.deps.now());
			return c.body(null, 204);
		});
}

/** `GET /api/me` → `{user}` for the session's user. */
export function meRoutes() {
	return new Hono<AppEnv>().get('/', requireUser, (c) => c.json({ user: c.var.user }));
}
