/** Scope: reps see their own, managers their team's; refused rows, reassignment, manager changes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { databaseKinds } from '../../server/testing';
import { users } from '../../server/db/schema';
import { userScopeChanged } from '../../server/sync/scope-hooks';
import type { Db } from '../../server/db/client';
import { api, startWorld, until, type TestUser, type World } from './harness';
import { latest, newCustomer, newOrder, openStream, pullAll, push } from './protocol-client';

describe.each(databaseKinds())('scope on %s', (kind) => {
	let world: World;
	let admin: TestUser,
		manager: TestUser,
		otherManager: TestUser,
		repA: TestUser,
		repB: TestUser,
		repC: TestUser;

	beforeAll(async () => {
		world = await startWorld(kind);
		admin = await world.addUser('admin');
		manager = await world.addUser('manager');
		otherManager = await world.addUser('manager');
		repA = await world.addUser('rep', manager.id);
		repB = await world.addUser('rep', otherManager.id);
		repC = await world.addUser('rep', otherManager.id);
	});
	afterAll(async () => world?.close());

	const count = async (table: 'sync_records' | 'sync_history') =>
		Number(
			(
				(await world.test.database.db.execute(
					sql.raw(`select count(*)::int as n from ${table}`)
				)) as unknown as { rows: { n: number }[] }
			).rows[0].n
		);

	it('keeps another rep’s customer out of pull, stream, push and history', async () => {
		const stream = openStream(world.server, repA, 'customers');
		const mine = newCustomer(repA.id);
		const theirs = newCustomer(repB.id);
		expect(await push(world.server, repB, 'customers', [{ newDocumentState: theirs }])).toEqual([]);
		await push(world.server, repB, 'orders', [{ newDocumentState: newOrder(theirs.id) }]);
		await push(world.server, repA, 'customers', [{ newDocumentState: mine }]);
		await until(() => expect(stream.docs().map((d) => d.id)).toContain(mine.id));
		expect(stream.docs().map((d) => d.id)).not.toContain(theirs.id);
		await stream.close();

		const pulledA = latest((await pullAll(world.server, repA, 'customers')).docs);
		expect(pulledA.has(mine.id)).toBe(true);
		expect(pulledA.has(theirs.id)).toBe(false);
		expect((await pullAll(world.server, repA, 'orders')).docs).toEqual([]);
		expect((await api(world.server, repA, `/api/history/customers/${theirs.id}`)).status).toBe(404);

		const before = await count('sync_records');
		const forged = { ...theirs, name: 'Hijacked', ownerId: repA.id, updatedAt: Date.now() };
		const answer = await push(world.server, repA, 'customers', [
			{ newDocumentState: forged, assumedMasterState: theirs }
		]);
		expect(answer).toEqual([{ ...forged, _deleted: true }]);
		const order = await push(world.server, repA, 'orders', [
			{ newDocumentState: newOrder(theirs.id) }
		]);
		expect(order[0]._deleted).toBe(true);
		expect(await count('sync_records')).toBe(before);
		const stored = latest((await pullAll(world.server, repB, 'customers')).docs).get(theirs.id);
		expect(stored).toEqual(theirs);
		const history = (await api(world.server, repB, `/api/history/customers/${theirs.id}`)).body
			.history;
		expect(history).toContainEqual(
			expect.objectContaining({
				kind: 'refused',
				field: 'name',
				value: 'Hijacked',
				previous: theirs.name,
				userId: repA.id
			})
		);
	});

	it('opens every stream with RESYNC and keeps it alive with heartbeat comments', async () => {
		const stream = openStream(world.server, repA, 'visits');
		await until(() => expect(stream.heartbeats).toBeGreaterThan(0));
		expect(stream.events).toEqual(['RESYNC']);
		await stream.close();
	});

	it('shows a manager their reps’ customers and not other teams’', async () => {
		const a = newCustomer(repA.id);
		const b = newCustomer(repB.id);
		await push(world.server, repA, 'customers', [{ newDocumentState: a }]);
		await push(world.server, repB, 'customers', [{ newDocumentState: b }]);
		const seen = latest((await pullAll(world.server, manager, 'customers')).docs);
		expect(seen.has(a.id)).toBe(true);
		expect(seen.has(b.id)).toBe(false);
		expect((await api(world.server, manager, `/api/history/customers/${a.id}`)).status).toBe(200);
		const all = latest((await pullAll(world.server, admin, 'customers')).docs);
		expect(all.has(a.id) && all.has(b.id)).toBe(true);
	});

	it('stores a new customer with a forged or unknown owner under the pusher', async () => {
		const forged = newCustomer(repB.id);
		const [answer] = await push(world.server, repA, 'customers', [{ newDocumentState: forged }]);
		expect(answer).toEqual({ ...forged, ownerId: repA.id });
		const ghost = newCustomer('no-such-user');
		const [adminAnswer] = await push(world.server, admin, 'customers', [
			{ newDocumentState: ghost }
		]);
		expect(adminAnswer.ownerId).toBe(admin.id);
		expect(latest((await pullAll(world.server, repB, 'customers')).docs).has(forged.id)).toBe(
			false
		);
		const history = (await api(world.server, repA, `/api/history/customers/${forged.id}`)).body
			.history;
		expect(history).toContainEqual(
			expect.objectContaining({ kind: 'refused', field: 'ownerId', value: repB.id })
		);
	});

	it('refuses moving a customer out of scope but merges the other fields', async () => {
		const c = newCustomer(repA.id);
		await push(world.server, repA, 'customers', [{ newDocumentState: c }]);
		const edit = { ...c, ownerId: repB.id, company: 'Kept', updatedAt: c.updatedAt + 1 };
		const [answer] = await push(world.server, repA, 'customers', [
			{ newDocumentState: edit, assumedMasterState: c }
		]);
		expect(answer).toEqual({ ...edit, ownerId: repA.id });
	});

	it('sends reassigned records to the gainer and the last visible state as a tombstone to the loser', async () => {
		const c = newCustomer(repA.id);
		const o = newOrder(c.id);
		await push(world.server, repA, 'customers', [{ newDocumentState: c }]);
		await push(world.server, repA, 'orders', [{ newDocumentState: o }]);
		const cpA = (await pullAll(world.server, repA, 'customers')).checkpoint;
		const cpAo = (await pullAll(world.server, repA, 'orders')).checkpoint;
		const cpB = (await pullAll(world.server, repB, 'orders')).checkpoint;
		const moved = { ...c, ownerId: repB.id, notes: 'secret for B', updatedAt: c.updatedAt + 1 };
		expect(
			await push(world.server, admin, 'customers', [
				{ newDocumentState: moved, assumedMasterState: c }
			])
		).toEqual([]);

		const lostC = latest((await pullAll(world.server, repA, 'customers', cpA)).docs).get(c.id);
		expect(lostC).toEqual({ ...c, _deleted: true });
		expect(latest((await pullAll(world.server, repA, 'orders', cpAo)).docs).get(o.id)).toEqual({
			...o,
			_deleted: true
		});
		expect(latest((await pullAll(world.server, repB, 'orders', cpB)).docs).get(o.id)).toEqual(o);
		expect(latest((await pullAll(world.server, repB, 'customers')).docs).get(c.id)).toEqual(moved);
	});

	it('stores a child before its customer, visible to its pusher, then gives it the customer’s scope', async () => {
		const c = newCustomer(repB.id);
		const o = newOrder(c.id);
		expect(await push(world.server, repA, 'orders', [{ newDocumentState: o }])).toEqual([]);
		const { docs, checkpoint } = await pullAll(world.server, repA, 'orders');
		expect(latest(docs).get(o.id)).toEqual(o);
		await push(world.server, repB, 'customers', [{ newDocumentState: c }]);
		expect(
			latest((await pullAll(world.server, repA, 'orders', checkpoint)).docs).get(o.id)
		).toEqual({ ...o, _deleted: true });
		expect(latest((await pullAll(world.server, repB, 'orders')).docs).get(o.id)).toEqual(o);
	});

	it('moves a rep’s records between managers when the rep changes manager', async () => {
		const c = newCustomer(repC.id);
		const o = newOrder(c.id);
		await push(world.server, repC, 'customers', [{ newDocumentState: c }]);
		await push(world.server, repC, 'orders', [{ newDocumentState: o }]);
		const before = {
			old: (await pullAll(world.server, otherManager, 'orders')).checkpoint,
			new: (await pullAll(world.server, manager, 'customers')).checkpoint
		};
		expect(latest((await pullAll(world.server, manager, 'customers')).docs).has(c.id)).toBe(false);
		await world.test.database.db.transaction(async (tx) => {
			await tx.update(users).set({ managerId: manager.id }).where(eq(users.id, repC.id));
			await userScopeChanged(tx as unknown as Db, {
				userId: repC.id,
				previousManagerId: otherManager.id,
				managerId: manager.id,
				previousRole: 'rep',
				role: 'rep',
				at: Date.now()
			});
		});
		expect(
			latest((await pullAll(world.server, otherManager, 'orders', before.old)).docs).get(o.id)
		).toEqual({ ...o, _deleted: true });
		expect(
			latest((await pullAll(world.server, manager, 'customers', before.new)).docs).get(c.id)
		).toEqual(c);
		expect(latest((await pullAll(world.server, manager, 'orders')).docs).get(o.id)).toEqual(o);
	});
});
