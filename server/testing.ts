/**
 * Test support: a fresh database for each test file, on PGlite (in memory) and, when
 * TEST_DATABASE_URL is set, on PostgreSQL (a new database, dropped afterwards).
 * `databaseKinds()` lists the kinds to run a suite on and says loudly when PostgreSQL
 * is skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './db/client';
import { createApp } from './app';
import type { AppDeps } from './http/types';

export type DbKind = 'pglite' | 'postgres';
let warned = false;

export function databaseKinds(): DbKind[] {
	if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
	if (!warned) {
		warned = true;
		console.warn('TEST_DATABASE_URL is not set: PostgreSQL tests are SKIPPED (PGlite only).');
	}
	return ['pglite'];
}

export interface TestDatabase {
	database: Database;
	/** Connection URL (PostgreSQL only), so a second server process can share it. */
	url?: string;
	drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
	const u = new URL(url);
	u.pathname = '/' + name;
	return u.toString();
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
	if (kind === 'pglite') {
		const database = await openDatabase({});
		return { database, drop: () => database.close() };
	}
	const admin = process.env.TEST_DATABASE_URL!;
	const name = 'fieldbook_t_' + randomBytes(6).toString('hex');
	const client = new pg.Client({ connectionString: admin });
	await client.connect();
	await client.query(`CREATE DATABASE ${name}`);
	await client.end();
	const url = withDatabase(admin, name);
	const database = await openDatabase({ url });
	return {
		database,
		url,
		async drop() {
			await database.close().catch(() => undefined);
			const c = new pg.Client({ connectionString: admin });
			await c.connect();
			await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await c.end();
		}
	};
}

/** A fresh app over a fresh database of `kind`. */
export async function createTestApp(kind: DbKind, overrides: Partial<AppDeps> = {}) {
	const testDb = await createTestDatabase(kind);
	const deps: AppDeps = {
		database: testDb.database,
		now: () => Date.now(),
		version: 'test',
		...overrides
	};
	return { app: createApp(deps), deps, ...testDb };
}
