/**
 * First-run setup: `GET /api/setup` → `{needed}`; `POST /api/setup` creates the first
 * admin only while no user exists (under the accounts lock, so a racing second call gets 409).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { ApiError } from '../../http/errors';
import { readJson } from '../../http/validate';
import { assertNotLimited, clientAddress, type SignInLimits } from '../../http/rate-limit';
import { insertUser, userCount, withAccountsLock } from '../../auth/accounts';
import { hashPassword } from '../../auth/password';
import { createSession } from '../../auth/sessions';
import { setupSchema, toPublicUser } from '../../auth/user';

const alreadySetUp = () =>
	new ApiError(
		409,
		'already_set_up',
		'Fieldbook is already set up: sign in, or ask an administrator for an account.'
	);

export function setupRoutes(limits: SignInLimits) {
	return new Hono<AppEnv>()
		.get('/', async (c) => c.json({ needed: (await userCount(c.var.deps.database.db)) === 0 }))
		.post('/', async (c) => {
			const { database, now, trustProxy } = c.var.deps;
			const address = clientAddress(c, trustProxy);
			assertNotLimited(c, [[limits.address, address]]);
			try {
				const body = await readJson(c, setupSchema);
				if ((await userCount(database.db)) > 0) throw alreadySetUp();
				const passwordHash = await hashPassword(body.password);
				const result = await withAccountsLock(database.db, async (tx) => {
					if ((await userCount(tx)) > 0) throw alreadySetUp();
					const row = await insertUser(tx, {
						...body,
						passwordHash,
						role: 'admin',
						managerId: null
					});
					return { user: toPublicUser(row), token: await createSession(tx, row.id, now()) };
				});
				return c.json(result, 201);
			} catch (err) {
				limits.address.fail(address);
				throw err;
			}
		});
}
