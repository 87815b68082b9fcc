import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, databaseKinds } from '../../testing';
import { sessions } from '../../db/schema';
import { hashToken } from '../../auth/sessions';
import { ADMIN, addUser, call, errorCode, setUpAdmin } from '../../auth/test-helpers';

describe.each(databaseKinds())('sign-in on %s', (kind) => {
	let t: Awaited<ReturnType<typeof createTestApp>>;
	let clock = Date.UTC(2026, 0, 1);
	let admin: { token: string; user: { id: string } };
	beforeAll(async () => {
		t = await createTestApp(kind, { now: () => clock });
		admin = await setUpAdmin(t.app);
	});
	afterAll(() => t.drop());

	const login = (username: string, password: string, address = '127.0.0.1') =>
		call(t.app, 'POST', '/api/auth/login', { username, password }, { address });

	it('signs in with the right password and answers the user without its hash', async () => {
		const res = await login('ADMIN', ADMIN.password);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(Object.keys(body).sort()).toEqual(['token', 'user']);
		expect(body.user).toEqual({
			id: admin.user.id,
			username: 'admin',
			displayName: 'admin',
			role: 'admin',
			managerId: null
		});
		const me = await call(t.app, 'GET', '/api/me', undefined, { token: body.token });
		expect(await me.json()).toEqual({ user: body.user });
	});

	it('answers the same 401 for an unknown user and a wrong password', async () => {
		const wrong = await login('admin', 'not-the-password', '10.1.0.1');
		const unknown = await login('nobody', 'not-the-password', '10.1.0.1');
		expect([wrong.status, unknown.status]).toEqual([401, 401]);
		expect(await wrong.json()).toEqual(await unknown.json());
	});

	it('refuses a disabled user, and disabling ends their sessions', async () => {
		const rep = await addUser(t.app, admin.token, { username: 'dora', role: 'rep' });
		expect((await call(t.app, 'GET', '/api/me', undefined, { token: rep.token })).status).toBe(200);
		const patched = await call(
			t.app,
			'PATCH',
			`/api/users/${rep.id}`,
			{ disabled: true },
			{ token: admin.token }
		);
		expect(patched.status).toBe(200);
		expect((await call(t.app, 'GET', '/api/me', undefined, { token: rep.token })).status).toBe(401);
		const res = await login('dora', rep.password);
		expect(res.status).toBe(401);
		expect(await errorCode(res)).toBe('account_disabled');
	});

	it('logs out: 204, then the token stops working', async () => {
		const { token } = await (await login('admin', ADMIN.password)).json();
		const out = await call(t.app, 'POST', '/api/auth/logout', undefined, { token });
		expect(out.status).toBe(204);
		const me = await call(t.app, 'GET', '/api/me', undefined, { token });
		expect(me.status).toBe(401);
		expect(await errorCode(me)).toBe('unauthorized');
		expect((await call(t.app, 'GET', '/api/me', undefined, { token: admin.token })).status).toBe(
			200
		);
	});

	it('expires sessions after 30 days', async () => {
		const { token } = await (await login('admin', ADMIN.password)).json();
		clock += 29 * 24 * 3600 * 1000;
		expect((await call(t.app, 'GET', '/api/me', undefined, { token })).status).toBe(200);
		clock += 2 * 24 * 3600 * 1000;
		expect((await call(t.app, 'GET', '/api/me', undefined, { token })).status).toBe(401);
		admin = await (await login('admin', ADMIN.password)).json();
	});

	it('expires a session whose stored expiry has passed', async () => {
		const { token } = await (await login('admin', ADMIN.password)).json();
		await t.database.db
			.update(sessions)
			.set({ expiresAt: clock - 1 })
			.where(eq(sessions.tokenHash, hashToken(token)));
		expect((await call(t.app, 'GET', '/api/me', undefined, { token })).status).toBe(401);
	});

	it('answers 401 for missing, malformed and unknown tokens', async () => {
		expect((await call(t.app, 'GET', '/api/me')).status).toBe(401);
		expect(
			(await call(t.app, 'GET', '/api/me', undefined, { headers: { authorization: 'Basic abc' } }))
				.status
		).toBe(401);
		expect((await call(t.app, 'GET', '/api/me', undefined, { token: 'x'.repeat(43) })).status).toBe(
			401
		);
		expect((await call(t.app, 'POST', '/api/auth/logout')).status).toBe(401);
	});

	it('limits failures per username (429 with Retry-After) without blocking other users', async () => {
		const victim = await addUser(t.app, admin.token, { username: 'victor', role: 'rep' });
		for (let i = 0; i < 10; i++) {
			expect((await login('victor', 'wrong-password', `10.2.0.${i}`)).status).toBe(401);
		}
		const limited = await login('victor', victim.password, '10.2.1.1');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
		expect(await errorCode(limited)).toBe('rate_limited');
		expect((await login('admin', ADMIN.password, '10.2.1.1')).status).toBe(200);
		clock += 15 * 60 * 1000 + 1;
		expect((await login('victor', victim.password, '10.2.1.1')).status).toBe(200);
	});

	it('limits failures per address without blocking other addresses', async () => {
		for (let i = 0; i < 10; i++) {
			expect((await login(`ghost${i}`, 'wrong-password', '10.3.0.1')).status).toBe(401);
		}
		expect((await login('admin', ADMIN.password, '10.3.0.1')).status).toBe(429);
		expect((await login('admin', ADMIN.password, '10.3.0.2')).status).toBe(200);
	});

	it('answers 400 with the error shape for malformed sign-in bodies', async () => {
		for (const raw of ['not json', '{"username": 1, "password": []}', '"admin"', 'null']) {
			const res = await call(t.app, 'POST', '/api/auth/login', undefined, {
				raw,
				address: '10.4.0.1'
			});
			expect(res.status).toBe(400);
			expect(['invalid_json', 'invalid_input']).toContain(await errorCode(res));
		}
	});
});
