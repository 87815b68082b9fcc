/**
 * The replication endpoints (DESIGN.md "HTTP contract"): pull, push and an SSE stream per
 * collection, for the signed-in user's scope. An unknown collection is a 404.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../http/types';
import { requireUser } from '../../auth/middleware';
import { notFound } from '../../http/errors';
import { readJson, readQuery } from '../../http/validate';
import { COLLECTIONS, isCollectionName, type CollectionName } from '#domain/collections';
import { DEFAULT_PULL_LIMIT, pullQuerySchema, pushBodySchema } from '#domain/sync/protocol';
import { pullPage } from '../../sync/feed';
import { applyPush } from '../../sync/push';
import { loadViewer } from '../../sync/scope';
import { streamCollections } from './stream';

function collectionOf(c: Context<AppEnv>): CollectionName {
	const name = c.req.param('collection') ?? '';
	if (!isCollectionName(name)) throw notFound(`Collection "${name.slice(0, 40)}"`);
	return name;
}

export function syncRoutes() {
	return (
		new Hono<AppEnv>()
			.use('*', requireUser)
			.get('/:collection/pull', async (c) => {
				const collection = collectionOf(c);
				const q = readQuery(c, pullQuerySchema);
				const db = c.var.deps.database.db;
				const viewer = await loadViewer(db, c.var.user);
				const json = await pullPage(
					db,
					viewer,
					collection,
					q.checkpoint,
					q.limit ?? DEFAULT_PULL_LIMIT
				);
				return c.body(json, 200, { 'content-type': 'application/json' });
			})
			.post('/:collection/push', async (c) => {
				const collection = collectionOf(c);
				const rows = await readJson(c, pushBodySchema);
				const { database, now } = c.var.deps;
				return c.json(await applyPush(database.db, c.var.user, collection, rows, now()));
			})
			.get('/:collection/stream', (c) => streamCollections(c, [collectionOf(c)], false))
			// One stream for several collections (`?collections=a,b`, default all): browsers hold
			// at most 6 connections per server, so six streams would starve pull and push.
			.get('/stream', (c) => {
				const names = (c.req.query('collections') ?? COLLECTIONS.join(',')).split(',');
				const unknown = names.find((n) => !isCollectionName(n));
				if (unknown !== undefined) throw notFound(`Collection "${unknown.slice(0, 40)}"`);
				return streamCollections(c, [...new Set(names)] as CollectionName[], true);
			})
	);
}
