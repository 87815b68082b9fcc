/**
 * End-to-end harness: a real server (createApp on @hono/node-server, port 0) over a fresh
 * PGlite or PostgreSQL database, users and sessions made directly in the database, and
 * RxDB devices (memory storage) replicating through the app's own replication code.
 * RxDB's open-core build allows 13 open collections per process: at most two devices
 * (six collections each) may be open at once, so close them when done.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../server/app';
import { openDatabase as openServerDatabase, type Database } from '../../server/db/client';
import { users } from '../../server/db/schema';
import { createSession } from '../../server/auth/sessions';
import { createTestDatabase, type DbKind, type TestDatabase } from '../../server/testing';
import type { AppDeps } from '../../server/http/types';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { startReplication, type ReplicationHandle } from '$lib/sync/replication';
import type { CollectionName } from '$lib/domain/collections';

export interface TestUser {
	id: string;
	token: string;
	role: 'admin' | 'manager' | 'rep';
}

export interface RunningServer {
	baseUrl: string;
	database: Database;
	close(): Promise<void>;
}

/** `onAnswered` (benchmarks): called with each request's start time once its answer is ready. */
export async function listen(
	database: Database,
	deps: Partial<AppDeps> = {},
	onAnswered?: (startedAt: number, req: Request) => void
): Promise<RunningServer> {
	const app = createApp({
		database,
		now: () => Date.now(),
		version: 'test',
		syncHeartbeatMs: 500,
		...deps
	});
	const server: ServerType = await new Promise((resolve) => {
		const fetch: typeof app.fetch = onAnswered
			? async (req, ...rest) => {
					const t0 = performance.now();
					const res = await app.fetch(req, ...rest);
					onAnswered(t0, req);
					return res;
				}
			: app.fetch;
		const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
	});
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		database,
		close: () =>
			new Promise<void>((resolve) => {
				(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
				server.close(() => resolve());
			})
	};
}

export interface World {
	kind: DbKind;
	test: TestDatabase;
	server: RunningServer;
	addUser(role: TestUser['role'], managerId?: string | null): Promise<TestUser>;
	/** A second app instance on its own port and its own connections to the same PostgreSQL. */
	secondServer(): Promise<RunningServer>;
	close(): Promise<void>;
}

export async function startWorld(kind: DbKind): Promise<World> {
	const test = await createTestDatabase(kind);
	const server = await listen(test.database);
	const extra: { server: RunningServer; database: Database }[] = [];
	return {
		kind,
		test,
		server,
		async addUser(role, managerId = null) {
			const id = randomUUID();
			await test.database.db.insert(users).values({
				id,
				username: `${role}-${id.slice(0, 8)}`,
				displayName: role,
				role,
				managerId,
				passwordHash: 'not-a-hash'
			});
			return { id, role, token: await createSession(test.database.db, id) };
		},
		async secondServer() {
			if (!test.url) throw new Error('A second process needs PostgreSQL');
			const database = await openServerDatabase({ url: test.url });
			const s = await listen(database);
			extra.push({ server: s, database });
			return s;
		},
		async close() {
			for (const e of extra) {
				await e.server.close();
				await e.database.close();
			}
			await server.close();
			await test.drop();
		}
	};
}

export interface Device {
	db: FieldbookDb;
	user: TestUser;
	replication?: ReplicationHandle;
	online(server?: RunningServer): void;
	offline(): Promise<void>;
	close(): Promise<void>;
}

export async function openDevice(
	world: World,
	user: TestUser,
	collections?: CollectionName[]
): Promise<Device> {
	const db = await openDatabase({
		userId: `${user.id}-${randomUUID()}`,
		storage: 'memory',
		devMode: true,
		multiInstance: false
	});
	const device: Device = {
		db,
		user,
		online(server = world.server) {
			device.replication = startReplication({
				db,
				baseUrl: server.baseUrl,
				getToken: () => user.token,
				collections,
				retryTime: 200,
				reconnectMs: 100,
				waitForLeadership: false
			});
		},
		async offline() {
			await device.replication?.cancel();
			device.replication = undefined;
		},
		async close() {
			await device.offline();
			await db.close();
		}
	};
	return device;
}

/** Resolves when `check` passes, polling; rejects with the last failure after `timeoutMs`. */
export async function until<T>(check: () => Promise<T> | T, timeoutMs = 15_000): Promise<T> {
	const start = Date.now();
	for (;;) {
		try {
			return await check();
		} catch (err) {
			if (Date.now() - start > timeoutMs) throw err;
			await new Promise((r) => setTimeout(r, 50));
		}
	}
}

export async function api(
	server: RunningServer,
	user: TestUser | undefined,
	path: string,
	init: RequestInit = {}
) {
	const headers = new Headers(init.headers);
	if (user) headers.set('authorization', `Bearer ${user.token}`);
	if (init.body) headers.set('content-type', 'application/json');
	const res = await fetch(server.baseUrl + path, { ...init, headers });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
