import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds } from '../../testing';
import { addUser, call, errorCode, setUpAdmin } from '../../auth/test-helpers';

describe.each(databaseKinds())('GET /api/team on %s', (kind) => {
	let t: Awaited<ReturnType<typeof createTestApp>>;
	let admin: { token: string; user: { id: string } };
	let manager: { id: string; token: string };
	let rep1: { id: string; token: string };
	let rep2: { id: string; token: string };

	beforeAll(async () => {
		t = await createTestApp(kind);
		admin = await setUpAdmin(t.app);
		manager = await addUser(t.app, admin.token, { username: 'mgr', role: 'manager' });
		rep1 = await addUser(t.app, admin.token, {
			username: 'rep1',
			role: 'rep',
			managerId: manager.id
		});
		rep2 = await addUser(t.app, admin.token, { username: 'rep2', role: 'rep' });
	});
	afterAll(() => t.drop());

	async function teamOf(token: string) {
		const res = await call(t.app, 'GET', '/api/team', undefined, { token });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { users: { id: string; passwordHash?: string }[] };
		expect(body.users.every((u) => u.passwordHash === undefined)).toBe(true);
		return body.users.map((u) => u.id).sort();
	}

	it('shows a rep only themselves', async () => {
		expect(await teamOf(rep2.token)).toEqual([rep2.id]);
	});

	it('shows a manager their reps, not other reps', async () => {
		expect(await teamOf(manager.token)).toEqual([manager.id, rep1.id].sort());
	});

	it('shows an admin everyone', async () => {
		expect(await teamOf(admin.token)).toEqual([admin.user.id, manager.id, rep1.id, rep2.id].sort());
	});

	it('answers 401 without a session', async () => {
		const res = await call(t.app, 'GET', '/api/team');
		expect(res.status).toBe(401);
		expect(await errorCode(res)).toBe('unauthorized');
	});
});
