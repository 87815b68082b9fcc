/** Requires a valid session: sets `c.var.user`, else answers 401. */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/types';
import { unauthorized, forbidden } from '../http/errors';
import { userForToken } from './sessions';
import type { Role } from './user';

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
	const header = c.req.header('authorization') ?? '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	const { database, now } = c.var.deps;
	const user = match ? await userForToken(database.db, match[1], now()) : undefined;
	if (!user) throw unauthorized();
	c.set('user', user);
	c.set('token', match![1]);
	await next();
});

export function requireRole(...roles: Role[]) {
	return createMiddleware<AppEnv>(async (c, next) => {
		if (!roles.includes(c.var.user.role)) throw forbidden();
		await next();
	});
}
