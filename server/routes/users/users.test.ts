import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asc } from 'drizzle-orm';
import { createTestApp, databaseKinds } from '../../testing';
import { users } from '../../db/schema';
import { addUser, call, errorCode, setUpAdmin } from '../../auth/test-helpers';

const hook = vi.hoisted(() => ({ calls: [] as unknown[], failNext: false }));
vi.mock('../../sync/scope-hooks', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../sync/scope-hooks')>();
	return {
		...original,
		userScopeChanged: async (...args: Parameters<typeof original.userScopeChanged>) => {
			hook.calls.push(args[1]);
			if (hook.failNext) {
				hook.failNext = false;
				throw new Error('scope hook failed');
			}
			return original.userScopeChanged(...args);
		}
	};
});

describe.each(databaseKinds())('users admin on %s', (kind) => {
	let t: Awaited<ReturnType<typeof createTestApp>>;
	let admin: string;
	let manager: { id: string; token: string };
	let rep: { id: string; token: string; password: string };
	beforeAll(async () => {
		t = await createTestApp(kind);
		admin = (await setUpAdmin(t.app)).token;
		manager = await addUser(t.app, admin, { username: 'mia', role: 'manager' });
		rep = await addUser(t.app, admin, { username: 'ray', role: 'rep', managerId: manager.id });
	});
	afterAll(() => t.drop());

	const snapshot = () => t.database.db.select().from(users).orderBy(asc(users.id));
	const api = (method: string, path: string, body?: unknown, token = admin) =>
		call(t.app, method, path, body, { token });

	it('lists users for an admin, never with a password', async () => {
		const res = await api('GET', '/api/users');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.users.map((u: { username: string }) => u.username)).toEqual([
			'admin',
			'mia',
			'ray'
		]);
		expect(body.users.find((u: { username: string }) => u.username === 'ray')).toEqual({
			id: rep.id,
			username: 'ray',
			displayName: 'ray',
			role: 'rep',
			managerId: manager.id,
			disabled: false
		});
		expect(JSON.stringify(body)).not.toMatch(/password|scrypt/i);
	});

	it('answers 403 to managers and reps, 401 without a session', async () => {
		for (const token of [manager.token, rep.token]) {
			expect((await api('GET', '/api/users', undefined, token)).status).toBe(403);
			const post = await api(
				'POST',
				'/api/users',
				{ username: 'x-user', password: 'long-enough', role: 'rep' },
				token
			);
			expect(post.status).toBe(403);
			expect(await errorCode(post)).toBe('forbidden');
			expect((await api('PATCH', `/api/users/${rep.id}`, { role: 'admin' }, token)).status).toBe(
				403
			);
		}
		expect((await call(t.app, 'GET', '/api/users')).status).toBe(401);
	});

	it('creates users with a display name; a taken username is 409', async () => {
		const res = await api('POST', '/api/users', {
			username: 'Zoe',
			password: 'zoe-password',
			role: 'rep',
			displayName: ' Zoë Z ',
			extra: 1
		});
		expect(res.status).toBe(201);
		expect((await res.json()).user).toMatchObject({
			username: 'zoe',
			displayName: 'Zoë Z',
			role: 'rep',
			managerId: null
		});
		const again = await api('POST', '/api/users', {
			username: 'ZOE',
			password: 'zoe-password',
			role: 'manager'
		});
		expect(again.status).toBe(409);
		expect(await errorCode(again)).toBe('username_taken');
	});

	it('requires managerId to name a manager, and only for reps', async () => {
		const before = await snapshot();
		const cases = [
			{ username: 'rep1', password: 'password-1', role: 'rep', managerId: rep.id },
			{ username: 'rep2', password: 'password-1', role: 'rep', managerId: 'no-such-user' },
			{ username: 'man2', password: 'password-1', role: 'manager', managerId: manager.id }
		];
		for (const body of cases) {
			const res = await api('POST', '/api/users', body);
			expect(res.status).toBe(400);
			expect((await res.json()).error.issues[0].path).toEqual(['managerId']);
		}
		expect((await api('PATCH', `/api/users/${manager.id}`, { managerId: manager.id })).status).toBe(
			400
		);
		expect((await api('PATCH', `/api/users/${rep.id}`, { managerId: rep.id })).status).toBe(400);
		expect(await snapshot()).toEqual(before);
	});

	it('moves a rep to another manager and tells the sync scope hook', async () => {
		const other = await addUser(t.app, admin, { username: 'max', role: 'manager' });
		hook.calls.length = 0;
		const res = await api('PATCH', `/api/users/${rep.id}`, {
			managerId: other.id,
			displayName: 'Ray R'
		});
		expect(res.status).toBe(200);
		expect((await res.json()).user).toMatchObject({ managerId: other.id, displayName: 'Ray R' });
		expect(hook.calls).toEqual([
			{
				userId: rep.id,
				previousManagerId: manager.id,
				managerId: other.id,
				previousRole: 'rep',
				role: 'rep',
				at: expect.any(Number)
			}
		]);
		hook.calls.length = 0;
		expect((await api('PATCH', `/api/users/${rep.id}`, { displayName: 'Ray' })).status).toBe(200);
		expect(hook.calls).toEqual([]);
	});

	it('rolls the change back when the scope hook fails (same transaction)', async () => {
		const before = await snapshot();
		hook.failNext = true;
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const res = await api('PATCH', `/api/users/${rep.id}`, { managerId: manager.id });
		quiet.mockRestore();
		expect(res.status).toBe(500);
		expect(await snapshot()).toEqual(before);
	});

	it('drops the manager when a rep becomes a manager; refuses to orphan reps or the last admin', async () => {
		const sam = await addUser(t.app, admin, {
			username: 'sam',
			role: 'rep',
			managerId: manager.id
		});
		const promoted = await api('PATCH', `/api/users/${sam.id}`, { role: 'manager' });
		expect((await promoted.json()).user).toMatchObject({ role: 'manager', managerId: null });
		await api('PATCH', `/api/users/${rep.id}`, { managerId: manager.id });
		const demote = await api('PATCH', `/api/users/${manager.id}`, { role: 'rep' });
		expect(demote.status).toBe(409);
		expect(await errorCode(demote)).toBe('manager_has_reps');
		const adminId = (
			await (await call(t.app, 'GET', '/api/me', undefined, { token: admin })).json()
		).user.id;
		const last = await api('PATCH', `/api/users/${adminId}`, { disabled: true });
		expect(last.status).toBe(409);
		expect(await errorCode(last)).toBe('last_admin');
	});

	it('revokes sessions when the password changes; the new password works', async () => {
		const res = await api('PATCH', `/api/users/${rep.id}`, { password: 'a-new-password' });
		expect(res.status).toBe(200);
		expect((await call(t.app, 'GET', '/api/me', undefined, { token: rep.token })).status).toBe(401);
		const login = await call(t.app, 'POST', '/api/auth/login', {
			username: 'ray',
			password: 'a-new-password'
		});
		expect(login.status).toBe(200);
		rep.token = (await login.json()).token;
	});

	it('answers 4xx with the error shape for bad input, leaving the database unchanged', async () => {
		const before = await snapshot();
		const bad: [string, string, string | undefined, number, string][] = [
			['POST', '/api/users', '{"username": "a",', 400, 'invalid_json'],
			[
				'POST',
				'/api/users',
				'{"username": 12, "password": true, "role": "boss"}',
				400,
				'invalid_input'
			],
			['POST', '/api/users', '[]', 400, 'invalid_input'],
			[
				'POST',
				'/api/users',
				JSON.stringify({ username: 'big', password: 'x'.repeat(2 * 1024 * 1024), role: 'rep' }),
				413,
				'payload_too_large'
			],
			['PATCH', `/api/users/${rep.id}`, '{"disabled": "yes"}', 400, 'invalid_input'],
			['PATCH', `/api/users/${rep.id}`, '{"role": null}', 400, 'invalid_input'],
			['PATCH', '/api/users/not-a-user', '{"displayName": "x"}', 404, 'not_found'],
			['PATCH', `/api/users/${'x'.repeat(500)}`, '{}', 404, 'not_found'],
			['PATCH', '/api/users/%E0%A4%A', '{}', 404, 'not_found']
		];
		for (const [method, path, raw, status, code] of bad) {
			const res = await call(t.app, method, path, undefined, { token: admin, raw });
			expect([path.slice(0, 40), res.status]).toEqual([path.slice(0, 40), status]);
			expect(await errorCode(res)).toBe(code);
		}
		expect(await snapshot()).toEqual(before);
	});
});
