/**
 * The database seam: PGlite in DATA_DIR by default, PostgreSQL when a URL is given.
 * Nothing else in the server knows which one it talks to.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Runs `callback` for each NOTIFY on `channel`; returns a function that stops listening. */
	listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
	/** True once `close` has been called: background readers (the feed hub) stop quietly. */
	readonly closed: boolean;
	close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(opts: { url?: string; dataDir?: string }): Promise<Database> {
	const database = opts.url ? await openPostgres(opts.url) : await openPglite(opts.dataDir);
	return database;
}

async function openPglite(dataDir?: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	if (dataDir) mkdirSync(dataDir, { recursive: true });
	const client = dataDir ? new PGlite(dataDir) : new PGlite();
	const db = drizzle(client, { schema });
	await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
	let closed = false;
	return {
		db: db as unknown as Db,
		kind: 'pglite',
		async listen(channel, callback) {
			const unsubscribe = await client.listen(channel, callback);
			return async () => unsubscribe();
		},
		get closed() {
			return closed;
		},
		close: () => {
			closed = true;
			return client.close();
		}
	};
}

async function openPostgres(url: string): Promise<Database> {
	const pg = (await import('pg')).default;
	const { drizzle } = await import('drizzle-orm/node-postgres');
	const { migrate } = await import('drizzle-orm/node-postgres/migrator');
	const pool = new pg.Pool({ connectionString: url, max: 10 });
	pool.on('error', () => {
		/* a dropped idle client is replaced on next use */
	});
	const db = drizzle(pool, { schema });
	const lock = await pool.connect();
	try {
		// Several processes may start at once: one migrates, the others wait.
		await lock.query('SELECT pg_advisory_lock(727401)');
		await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
	} finally {
		await lock.query('SELECT pg_advisory_unlock(727401)').catch(() => undefined);
		lock.release();
	}
	const listeners = new Set<import('pg').PoolClient>();
	let closed = false;
	return {
		db: db as unknown as Db,
		kind: 'postgres',
		async listen(channel, callback) {
			const client = await pool.connect();
			listeners.add(client);
			client.on('notification', (msg) => {
				if (msg.channel === channel) callback(msg.payload ?? '');
			});
			await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
			return async () => {
				listeners.delete(client);
				await client.query(`UNLISTEN "${channel.replace(/"/g, '')}"`).catch(() => undefined);
				client.release();
			};
		},
		get closed() {
			return closed;
		},
		async close() {
			closed = true;
			for (const c of listeners) c.release();
			listeners.clear();
			await pool.end();
		}
	};
}
