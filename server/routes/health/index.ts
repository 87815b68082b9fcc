/** GET /api/health: liveness and which database this server uses. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

export function healthRoutes() {
	return new Hono<AppEnv>().get('/', (c) =>
		c.json({ ok: true, db: c.var.deps.database.kind, version: c.var.deps.version })
	);
}
