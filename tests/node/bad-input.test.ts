/** Bad requests to the sync API answer the documented 4xx, never a 5xx, and change nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestApp, databaseKinds } from '../../server/testing';
import { users } from '../../server/db/schema';
import { createSession, revokeSession, SESSION_MS } from '../../server/auth/sessions';
import { newCustomer } from './protocol-client';

describe.each(databaseKinds())('sync API bad input on %s', (kind) => {
	let t: Awaited<ReturnType<typeof createTestApp>>;
	let token: string;
	const userId = randomUUID();

	beforeAll(async () => {
		t = await createTestApp(kind);
		await t.database.db
			.insert(users)
			.values({ id: userId, username: 'rep1', displayName: 'Rep', role: 'rep', passwordHash: 'x' });
		token = await createSession(t.database.db, userId);
		const seed = [{ newDocumentState: newCustomer(userId) }];
		expect((await call('POST', '/api/sync/customers/push', JSON.stringify(seed))).status).toBe(200);
	});
	afterAll(async () => t?.drop());

	async function call(method: string, path: string, body?: string, bearer: string | null = token) {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (bearer) headers.authorization = `Bearer ${bearer}`;
		const res = await t.app.request(path, { method, headers, body });
		return {
			status: res.status,
			body: (await res.json()) as { error?: { code: string; message: string } }
		};
	}
	async function snapshot() {
		const { rows } = (await t.database.db.execute(
			sql`select (select count(*) from sync_records)::int as r, (select count(*) from sync_history)::int as h, (select coalesce(max(seq), 0) from sync_records)::float8 as s`
		)) as unknown as { rows: unknown[] };
		return rows[0];
	}

	const valid = () => newCustomer(userId);
	const cases: [string, string, string, string | undefined, number][] = [
		['malformed JSON', 'POST', '/api/sync/customers/push', '[{"newDocumentState": ', 400],
		['a body that is not a list', 'POST', '/api/sync/customers/push', '{"rows": []}', 400],
		[
			'a row without a document',
			'POST',
			'/api/sync/customers/push',
			'[{"assumedMasterState": null}]',
			400
		],
		[
			'a name of the wrong type',
			'POST',
			'/api/sync/customers/push',
			JSON.stringify([{ newDocumentState: { ...valid(), name: 42 } }]),
			400
		],
		[
			'a valid row next to an invalid one',
			'POST',
			'/api/sync/customers/push',
			JSON.stringify([
				{ newDocumentState: valid() },
				{ newDocumentState: { ...valid(), id: 'nope' } }
			]),
			400
		],
		[
			'an order whose amount is not its items’ total',
			'POST',
			'/api/sync/orders/push',
			JSON.stringify([
				{
					newDocumentState: {
						id: randomUUID(),
						updatedAt: 1,
						_deleted: false,
						orderNo: 'x',
						customerId: randomUUID(),
						date: '2024-01-01',
						items: [{ product: 'a', quantity: 1, unitPrice: 1 }],
						amount: 5,
						status: 'paid'
					}
				}
			]),
			400
		],
		[
			'a body over 1 MiB',
			'POST',
			'/api/sync/customers/push',
			JSON.stringify([{ newDocumentState: { ...valid(), notes: 'x'.repeat(1_100_000) } }]),
			413
		],
		['an unknown collection (push)', 'POST', '/api/sync/invoices/push', '[]', 404],
		['an unknown collection (pull)', 'GET', '/api/sync/invoices/pull', undefined, 404],
		['an unknown collection (stream)', 'GET', '/api/sync/__proto__/stream', undefined, 404],
		[
			'an unknown collection (history)',
			'GET',
			`/api/history/invoices/${randomUUID()}`,
			undefined,
			404
		],
		[
			'a checkpoint that is not JSON',
			'GET',
			'/api/sync/customers/pull?checkpoint=%7Bseq',
			undefined,
			400
		],
		[
			'a checkpoint of the wrong shape',
			'GET',
			`/api/sync/customers/pull?checkpoint=${encodeURIComponent('{"seq":-1}')}`,
			undefined,
			400
		],
		[
			'a checkpoint with extra fields',
			'GET',
			`/api/sync/customers/pull?checkpoint=${encodeURIComponent('{"seq":1,"x":1}')}`,
			undefined,
			400
		],
		['limit 0', 'GET', '/api/sync/customers/pull?limit=0', undefined, 400],
		['limit 1001', 'GET', '/api/sync/customers/pull?limit=1001', undefined, 400],
		['limit not a number', 'GET', '/api/sync/customers/pull?limit=ten', undefined, 400],
		[
			'history of a record that does not exist',
			'GET',
			`/api/history/customers/${randomUUID()}`,
			undefined,
			404
		]
	];

	it.each(cases)(
		'answers %s with the documented status',
		async (_name, method, path, body, status) => {
			const before = await snapshot();
			const res = await call(method, path, body);
			expect(res.status).toBe(status);
			expect(res.body.error).toMatchObject({
				code: expect.any(String),
				message: expect.any(String)
			});
			expect(await snapshot()).toEqual(before);
		}
	);

	it('answers 401 to missing, expired and revoked tokens and changes nothing', async () => {
		const before = await snapshot();
		const expired = await createSession(t.database.db, userId, Date.now() - SESSION_MS - 1000);
		const revoked = await createSession(t.database.db, userId);
		await revokeSession(t.database.db, revoked);
		const push = JSON.stringify([{ newDocumentState: valid() }]);
		for (const bearer of [null, expired, revoked, 'x'.repeat(40)]) {
			expect((await call('POST', '/api/sync/customers/push', push, bearer)).status).toBe(401);
			expect((await call('GET', '/api/sync/customers/pull', undefined, bearer)).status).toBe(401);
			expect((await call('GET', '/api/sync/customers/stream', undefined, bearer)).status).toBe(401);
			expect(
				(await call('GET', `/api/history/customers/${randomUUID()}`, undefined, bearer)).status
			).toBe(401);
		}
		expect(await snapshot()).toEqual(before);
	});

	it('takes a retried row once: the same push twice answers [] and records one change', async () => {
		const doc = valid();
		const body = JSON.stringify([{ newDocumentState: doc }]);
		expect((await call('POST', '/api/sync/customers/push', body)).body).toEqual([]);
		const before = await snapshot();
		expect((await call('POST', '/api/sync/customers/push', body)).body).toEqual([]);
		expect(await snapshot()).toEqual(before);
	});

	it('answers an empty pull with the checkpoint it was given, and null on a first empty pull', async () => {
		const first = await call('GET', '/api/sync/campaigns/pull');
		expect(first.body).toEqual({ documents: [], checkpoint: null });
		const cp = encodeURIComponent(JSON.stringify({ seq: 999999 }));
		expect((await call('GET', `/api/sync/customers/pull?checkpoint=${cp}`)).body).toEqual({
			documents: [],
			checkpoint: { seq: 999999 }
		});
	});
});
