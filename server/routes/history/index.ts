/** A record's history, newest first, for users who can see the record (else 404). */
import { Hono } from 'hono';
import { and, desc, eq } from 'drizzle-orm';
import type { AppEnv } from '../../http/types';
import { requireUser } from '../../auth/middleware';
import { notFound } from '../../http/errors';
import { syncHistory, syncRecords } from '../../db/schema';
import { isCollectionName } from '#domain/collections';
import { canSee, loadViewer } from '../../sync/scope';

export function historyRoutes() {
	return new Hono<AppEnv>().use('*', requireUser).get('/:collection/:id', async (c) => {
		const { collection, id } = c.req.param();
		if (!isCollectionName(collection)) throw notFound(`Collection "${collection.slice(0, 40)}"`);
		const db = c.var.deps.database.db;
		const [record] = await db
			.select()
			.from(syncRecords)
			.where(and(eq(syncRecords.collection, collection), eq(syncRecords.id, id)));
		if (!record) throw notFound('Record');
		const viewer = await loadViewer(db, c.var.user);
		let customerOwner: string | null | undefined;
		if (record.customerId) {
			const [customer] = await db
				.select({ ownerId: syncRecords.ownerId })
				.from(syncRecords)
				.where(and(eq(syncRecords.collection, 'customers'), eq(syncRecords.id, record.customerId)));
			customerOwner = customer ? customer.ownerId : undefined;
		}
		if (
			!canSee(viewer, {
				collection,
				ownerId: record.ownerId,
				pushedBy: record.pushedBy,
				customerOwner
			})
		)
			throw notFound('Record');
		const rows = await db
			.select()
			.from(syncHistory)
			.where(and(eq(syncHistory.collection, collection), eq(syncHistory.recordId, id)))
			.orderBy(desc(syncHistory.at), desc(syncHistory.id))
			.limit(1000);
		return c.json({
			history: rows.map((h) => ({
				at: h.at,
				userId: h.userId,
				kind: h.kind,
				...(h.field !== null && { field: h.field }),
				...(h.value !== null && { value: h.value }),
				...(h.previous !== null && { previous: h.previous }),
				...(h.deviceAt !== null && { deviceAt: h.deviceAt })
			}))
		});
	});
}
