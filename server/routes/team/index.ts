/**
 * `GET /api/team` → `{users}`: the people whose customers the caller sees (a rep: only
 * themselves; a manager: themselves and their reps; an admin: everyone), so reports can
 * name owners. An addition to DESIGN.md's contract, read-only and scoped like pull.
 */
import { Hono } from 'hono';
import { asc } from 'drizzle-orm';
import type { AppEnv } from '../../http/types';
import { requireUser } from '../../auth/middleware';
import { users } from '../../db/schema';
import { toPublicUser } from '../../auth/user';
import { loadViewer } from '../../sync/scope';

export function teamRoutes() {
	return new Hono<AppEnv>().get('/', requireUser, async (c) => {
		const db = c.var.deps.database.db;
		const viewer = await loadViewer(db, c.var.user);
		const rows = await db.select().from(users).orderBy(asc(users.username));
		const team = rows.filter((u) => viewer.all || viewer.owners.has(u.id)).map(toPublicUser);
		return c.json({ users: team });
	});
}
