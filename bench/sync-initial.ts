/**
 * Initial sync of 20,000 customers and 100,000 child records to a fresh RxDB client in Node
 * (memory storage) through the app's replication code, on PGlite and (with DATABASE_URL or
 * TEST_DATABASE_URL) PostgreSQL. Prints seconds; not a test. Env: CUSTOMERS, CHILDREN_EACH, BATCH.
 */
import os from 'node:os';
import { createTestDatabase, type DbKind } from '../server/testing';
import { createSession } from '../server/auth/sessions';
import { listen } from '../tests/node/harness';
import { openDatabase } from '../src/lib/db/database';
import { PULL_BATCH_SIZE, startReplication } from '../src/lib/sync/replication';
import { addUser, seedCustomers } from './sync-seed';
import { profilePhase } from './sync-profile';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 20_000);
const CHILDREN_EACH = Number(process.env.CHILDREN_EACH ?? 5);
const BATCH = Number(process.env.BATCH ?? PULL_BATCH_SIZE);

async function run(kind: DbKind) {
	const test = await createTestDatabase(kind);
	try {
		const rep = await addUser(test.database.db, 'rep');
		let t = Date.now();
		await seedCustomers(test.database.db, rep, CUSTOMERS, CHILDREN_EACH);
		const seedSeconds = (Date.now() - t) / 1000;
		const token = await createSession(test.database.db, rep);
		const server = await listen(test.database);
		const db = await openDatabase({
			userId: 'bench-' + Date.now(),
			storage: 'memory',
			multiInstance: false
		});
		t = Date.now();
		const cpu = process.cpuUsage();
		const stopProfile = await profilePhase(`sync-initial-${kind}`);
		const repl = startReplication({
			db,
			baseUrl: server.baseUrl,
			getToken: () => token,
			live: false,
			waitForLeadership: false,
			pullBatchSize: BATCH
		});
		await Promise.all(Object.values(repl.states).map((s) => s.awaitInitialReplication()));
		const seconds = (Date.now() - t) / 1000;
		const used = process.cpuUsage(cpu);
		await stopProfile();
		const cpuSeconds = (used.user + used.system) / 1e6;
		const counts = await Promise.all(
			(['customers', 'orders', 'visits', 'services'] as const).map((c) => db[c].count().exec())
		);
		console.log(
			`${kind}: ${CUSTOMERS} customers + ${CUSTOMERS * CHILDREN_EACH} children, batch ${BATCH}: initial sync ${seconds.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s in this process (seeded in ${seedSeconds.toFixed(1)} s; local counts ${counts.join('/')})`
		);
		await repl.cancel();
		await db.close();
		await server.close();
	} finally {
		await test.drop();
	}
}

console.log(
	`sync-initial on ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${new Date().toISOString()}`
);
await run('pglite');
if (process.env.TEST_DATABASE_URL) await run('postgres');
else console.log('postgres: skipped (set TEST_DATABASE_URL)');
process.exit(0);
