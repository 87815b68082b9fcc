import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestApp, databaseKinds } from '../../testing';
import { users } from '../../db/schema';
import { ADMIN, call, errorCode } from '../../auth/test-helpers';

describe.each(databaseKinds())('setup on %s', (kind) => {
	let t: Awaited<ReturnType<typeof createTestApp>>;
	beforeEach(async () => {
		t = await createTestApp(kind);
	});
	afterEach(() => t.drop());
	const userRows = async () =>
		Number((await t.database.db.select({ n: count() }).from(users))[0].n);

	it('creates the first admin once, then answers 409', async () => {
		expect(await (await call(t.app, 'GET', '/api/setup')).json()).toEqual({ needed: true });
		const res = await call(t.app, 'POST', '/api/setup', {
			username: ' Admin ',
			password: ADMIN.password
		});
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.user).toEqual({
			id: expect.any(String),
			username: 'admin',
			displayName: 'admin',
			role: 'admin',
			managerId: null
		});
		expect(JSON.stringify(body)).not.toContain('scrypt');
		const me = await call(t.app, 'GET', '/api/me', undefined, { token: body.token });
		expect((await me.json()).user.id).toBe(body.user.id);

		expect(await (await call(t.app, 'GET', '/api/setup')).json()).toEqual({ needed: false });
		const again = await call(t.app, 'POST', '/api/setup', {
			username: 'other',
			password: ADMIN.password
		});
		expect(again.status).toBe(409);
		expect(await errorCode(again)).toBe('already_set_up');
		expect(await userRows()).toBe(1);
	});

	it('lets exactly one of several concurrent setups win', async () => {
		const results = await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				call(t.app, 'POST', '/api/setup', { username: `admin${i}`, password: ADMIN.password })
			)
		);
		expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
		expect(await userRows()).toBe(1);
	});

	it('refuses weak or malformed input with 400 and creates nobody', async () => {
		for (const body of [
			{ username: 'ab', password: ADMIN.password },
			{ username: 'admin', password: 'short' },
			{ username: 5 },
			[]
		]) {
			const res = await call(t.app, 'POST', '/api/setup', body);
			expect(res.status).toBe(400);
			expect(await errorCode(res)).toBe('invalid_input');
		}
		const broken = await call(t.app, 'POST', '/api/setup', undefined, { raw: '{"username":' });
		expect(broken.status).toBe(400);
		expect(await errorCode(broken)).toBe('invalid_json');
		expect(await userRows()).toBe(0);
	});

	it('limits repeated failed setups per address with 429 and Retry-After', async () => {
		await call(t.app, 'POST', '/api/setup', ADMIN);
		for (let i = 0; i < 10; i++) {
			expect((await call(t.app, 'POST', '/api/setup', ADMIN, { address: '10.0.0.9' })).status).toBe(
				409
			);
		}
		const limited = await call(t.app, 'POST', '/api/setup', ADMIN, { address: '10.0.0.9' });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await errorCode(limited)).toBe('rate_limited');
		expect((await call(t.app, 'POST', '/api/setup', ADMIN, { address: '10.0.0.10' })).status).toBe(
			409
		);
	});
});
