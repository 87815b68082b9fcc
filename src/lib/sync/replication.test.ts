/** The client against a scripted server (fetch is the edge): wire shape, stream, 401s. */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { createRecord } from '$lib/db/records';
import { heldUntil, startReplication, type ReplicationHandle } from './replication';

const owner = 'user-1';
let db: FieldbookDb | undefined;
let handle: ReplicationHandle | undefined;
afterEach(async () => {
	await handle?.cancel();
	await db?.close();
});

function scriptedServer(opts: { status?: number; stream?: string } = {}) {
	const pushed: unknown[] = [];
	const urls: string[] = [];
	const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		urls.push(url);
		if (opts.status)
			return new Response('{"error":{"code":"unauthorized","message":"x"}}', {
				status: opts.status
			});
		if (url.includes('/push')) {
			pushed.push(...JSON.parse(String(init!.body)));
			return Response.json([]);
		}
		if (url.includes('/stream')) {
			const body = new ReadableStream({
				start(c) {
					c.enqueue(new TextEncoder().encode('data: "RESYNC"\n\n'));
					// Later, as a server would: a RESYNC's pull already covers what was there at connect.
					setTimeout(() => c.enqueue(new TextEncoder().encode(opts.stream ?? '')), 300);
				}
			});
			return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
		}
		return Response.json({ documents: [], checkpoint: null });
	}) as typeof fetch;
	return { fetchStub, pushed, urls };
}

describe('startReplication', () => {
	it('pushes documents without RxDB bookkeeping and with the bearer token', async () => {
		db = await openDatabase({ userId: 'repl-test-1', storage: 'memory', multiInstance: false });
		const server = scriptedServer();
		const c = await createRecord(db, 'customers', { name: 'Wire', ownerId: owner });
		handle = startReplication({
			db,
			baseUrl: 'http://x',
			getToken: () => 't0ken',
			fetch: server.fetchStub,
			collections: ['customers'],
			live: false,
			waitForLeadership: false
		});
		await handle.awaitInSync();
		expect(server.pushed).toHaveLength(1);
		const row = server.pushed[0] as { newDocumentState: Record<string, unknown> };
		expect(row.newDocumentState).toMatchObject({ id: c.id, name: 'Wire', _deleted: false });
		expect(
			Object.keys(row.newDocumentState).filter((k) => ['_meta', '_rev', '_attachments'].includes(k))
		).toEqual([]);
		expect(server.urls[0]).toMatch(/^http:\/\/x\/api\/sync\/customers\//);
	});

	it('applies documents that arrive on the stream', async () => {
		db = await openDatabase({ userId: 'repl-test-2', storage: 'memory', multiInstance: false });
		const doc = {
			id: '01890000-0000-7000-8000-0000000000aa',
			updatedAt: 5,
			_deleted: false,
			name: 'Streamed',
			ownerId: owner,
			phones: [],
			emails: [],
			interests: [],
			stage: 'lead',
			customFields: {}
		};
		const server = scriptedServer({
			stream: `data: ${JSON.stringify({ documents: [doc], checkpoint: { seq: 9 } })}\n\n`
		});
		handle = startReplication({
			db,
			baseUrl: '',
			getToken: () => 't0ken',
			fetch: server.fetchStub,
			collections: ['customers'],
			waitForLeadership: false
		});
		for (let i = 0; i < 100 && !(await db.customers.findOne(doc.id).exec()); i++)
			await new Promise((r) => setTimeout(r, 20));
		expect((await db.customers.findOne(doc.id).exec())?.name).toBe('Streamed');
	});

	it('holds a replication that starts while paused until resumed', async () => {
		db = await openDatabase({ userId: 'repl-test-4', storage: 'memory', multiInstance: false });
		const server = scriptedServer();
		handle = startReplication({
			db,
			baseUrl: '',
			getToken: () => 't0ken',
			fetch: server.fetchStub,
			collections: ['customers'],
			waitForLeadership: false
		});
		expect(handle.states.customers.wasStarted).toBe(false);
		const resume = await handle.pause();
		await handle.states.customers.startPromise;
		await createRecord(db, 'customers', { name: 'Loaded while paused', ownerId: owner });
		await new Promise((r) => setTimeout(r, 300));
		expect(server.pushed).toHaveLength(0);
		await resume();
		for (let i = 0; i < 100 && server.pushed.length === 0; i++)
			await new Promise((r) => setTimeout(r, 20));
		expect(server.pushed).toHaveLength(1);
	});

	it('calls onUnauthorized on a 401', async () => {
		db = await openDatabase({ userId: 'repl-test-3', storage: 'memory', multiInstance: false });
		let calls = 0;
		const server = scriptedServer({ status: 401 });
		handle = startReplication({
			db,
			baseUrl: '',
			getToken: () => undefined,
			fetch: server.fetchStub,
			collections: ['visits'],
			retryTime: 50,
			reconnectMs: 50,
			waitForLeadership: false,
			onUnauthorized: () => calls++
		});
		for (let i = 0; i < 100 && !calls; i++) await new Promise((r) => setTimeout(r, 20));
		expect(calls).toBeGreaterThan(0);
	});
});

describe('heldUntil (the stream RESYNC during a first sync)', () => {
	it('holds calls until ready, folds them into one, then passes each at once', async () => {
		let ready!: () => void;
		const gate = new Promise<void>((r) => (ready = r));
		let emitted = 0;
		const resync = heldUntil(gate, () => emitted++);
		resync();
		resync();
		await Promise.resolve();
		expect(emitted).toBe(0);
		ready();
		await gate;
		await Promise.resolve();
		expect(emitted).toBe(1);
		resync();
		expect(emitted).toBe(2);
	});

	it('never emits when the first sync is abandoned', async () => {
		let emitted = 0;
		const resync = heldUntil(Promise.reject(new Error('cancelled')), () => emitted++);
		resync();
		await new Promise((r) => setTimeout(r, 0));
		expect(emitted).toBe(0);
	});
});
