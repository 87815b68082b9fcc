/**
 * Reassignment seen from real devices: records move on the next sync, and a device holding
 * an offline edit to a customer taken away drops it, keeps syncing the rest, and the
 * refused edit is in history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { createRecord, patchRecord } from '$lib/db/records';
import {
	api,
	openDevice,
	startWorld,
	until,
	type Device,
	type TestUser,
	type World
} from './harness';
import { push } from './protocol-client';
import type { WireDoc } from '$lib/domain/sync/protocol';

describe.each(databaseKinds())('reassignment on devices on %s', (kind) => {
	let world: World;
	let admin: TestUser, repA: TestUser, repB: TestUser;
	let phoneA: Device, phoneB: Device;

	beforeAll(async () => {
		world = await startWorld(kind);
		admin = await world.addUser('admin');
		repA = await world.addUser('rep');
		repB = await world.addUser('rep');
		phoneA = await openDevice(world, repA);
		phoneB = await openDevice(world, repB);
		phoneA.online();
		phoneB.online();
	});
	afterAll(async () => {
		await phoneA?.close();
		await phoneB?.close();
		await world?.close();
	});

	const reassign = async (doc: WireDoc, ownerId: string) => {
		const next = { ...doc, ownerId, updatedAt: doc.updatedAt + 1 };
		expect(
			await push(world.server, admin, 'customers', [
				{ newDocumentState: next, assumedMasterState: doc }
			])
		).toEqual([]);
	};
	const local = async (d: Device, id: string) =>
		(await d.db.customers.findOne(id).exec())?.toJSON();

	it('moves a customer and its orders to the new owner’s device', async () => {
		const c = await createRecord(phoneA.db, 'customers', { name: 'Moving', ownerId: repA.id });
		const o = await createRecord(phoneA.db, 'orders', {
			orderNo: 'M-1',
			customerId: c.id,
			date: '2024-01-02',
			items: [{ product: 'Pen', quantity: 1, unitPrice: 5 }],
			amount: 5
		});
		await phoneA.replication!.awaitInSync();
		await reassign(c as unknown as WireDoc, repB.id);
		await until(async () => expect(await local(phoneA, c.id)).toBeUndefined());
		await until(async () => expect(await phoneA.db.orders.findOne(o.id).exec()).toBeNull());
		await until(async () =>
			expect(await local(phoneB, c.id)).toMatchObject({ name: 'Moving', ownerId: repB.id })
		);
		await until(async () =>
			expect((await phoneB.db.orders.findOne(o.id).exec())?.orderNo).toBe('M-1')
		);
	});

	it('drops an offline edit to a customer taken away, keeps syncing the rest, logs the refusal', async () => {
		const taken = await createRecord(phoneA.db, 'customers', { name: 'Taken', ownerId: repA.id });
		const kept = await createRecord(phoneA.db, 'customers', { name: 'Kept', ownerId: repA.id });
		await phoneA.replication!.awaitInSync();
		await phoneA.offline();
		await patchRecord(phoneA.db, 'customers', taken.id, { notes: 'offline edit' });
		await patchRecord(phoneA.db, 'customers', kept.id, { notes: 'also offline' });
		await reassign(taken as unknown as WireDoc, repB.id);
		phoneA.online();
		await until(async () => expect(await local(phoneA, taken.id)).toBeUndefined());
		const after = await createRecord(phoneA.db, 'customers', { name: 'After', ownerId: repA.id });
		const { body } = await api(world.server, admin, `/api/history/customers/${taken.id}`);
		expect(body.history).toContainEqual(
			expect.objectContaining({
				kind: 'refused',
				field: 'notes',
				value: 'offline edit',
				userId: repA.id
			})
		);
		const { body: keptHistory } = await api(
			world.server,
			repA,
			`/api/history/customers/${kept.id}`
		);
		expect(keptHistory.history).toContainEqual(
			expect.objectContaining({ kind: 'edit', field: 'notes', value: 'also offline' })
		);
		await until(async () =>
			expect((await api(world.server, repA, `/api/history/customers/${after.id}`)).status).toBe(200)
		);
		await until(async () => expect((await local(phoneB, taken.id))?.notes).toBeUndefined());
		expect(await local(phoneB, taken.id)).toMatchObject({ name: 'Taken', ownerId: repB.id });
	});
});
