/**
 * EXPLAIN ANALYZE of the pull query (`pullSql`) on PostgreSQL over a seeded feed (CUSTOMERS
 * customers + 5 children each, one rep, a manager over them, a second rep). Not a test.
 * Env: TEST_DATABASE_URL (else skipped), CUSTOMERS (default 20000), KEEP=1 keeps the database.
 */
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../server/testing';
import { loadViewer } from '../server/sync/scope';
import { pullSql } from '../server/sync/feed';
import type { CollectionName } from '../src/lib/domain/collections';
import { addUser, seedCustomers } from './sync-seed';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 20_000);
if (!process.env.TEST_DATABASE_URL) {
	console.log('sync-explain: skipped (set TEST_DATABASE_URL: the plans are PostgreSQL’s)');
	process.exit(0);
}
const test = await createTestDatabase('postgres');
const db = test.database.db;
const manager = await addUser(db, 'manager');
const rep = await addUser(db, 'rep', manager);
const other = await addUser(db, 'rep');
await seedCustomers(db, other, Math.round(CUSTOMERS / 10), 5);
await seedCustomers(db, rep, CUSTOMERS, 5);
await db.execute(sql`analyze`);

const explain = async (label: string, query: ReturnType<typeof sql>) => {
	const res = (await db.execute(sql`explain (analyze, buffers) ${query}`)) as unknown as {
		rows: { 'QUERY PLAN': string }[];
	};
	console.log(`\n--- ${label}\n` + res.rows.map((r) => r['QUERY PLAN']).join('\n'));
};

for (const [who, id, role] of [
	['rep', rep, 'rep'],
	['manager', manager, 'manager']
] as const) {
	const viewer = await loadViewer(db, { id, role });
	for (const collection of ['customers', 'orders'] as CollectionName[])
		for (const after of [0, Math.round(CUSTOMERS * 3)]) {
			await explain(
				`${who} pull ${collection} after ${after}`,
				pullSql(viewer, collection, after, 1000)
			);
		}
}
if (process.env.KEEP) console.log('kept', test.url);
else await test.drop();
process.exit(0);
