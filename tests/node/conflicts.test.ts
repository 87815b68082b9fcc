/** Two devices editing one customer offline: fields merge, the later edit wins, deletes lose to edits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { createRecord, deleteRecord, patchRecord } from '$lib/db/records';
import {
	api,
	openDevice,
	startWorld,
	until,
	type Device,
	type TestUser,
	type World
} from './harness';

async function customerOn(d: Device, id: string) {
	return (await d.db.customers.findOne(id).exec())?.toJSON() as Record<string, unknown> | undefined;
}

describe.each(databaseKinds())('offline conflicts on %s', (kind) => {
	let world: World;
	let rep: TestUser;
	let phone: Device;
	let laptop: Device;

	beforeAll(async () => {
		world = await startWorld(kind);
		rep = await world.addUser('rep');
		phone = await openDevice(world, rep);
		laptop = await openDevice(world, rep);
	});
	afterAll(async () => {
		await phone?.close();
		await laptop?.close();
		await world?.close();
	});

	async function sharedCustomer(name: string) {
		phone.online();
		laptop.online();
		const c = await createRecord(phone.db, 'customers', { name, ownerId: rep.id });
		await until(async () => expect(await customerOn(laptop, c.id)).toBeTruthy());
		await phone.offline();
		await laptop.offline();
		return c;
	}

	it('keeps both edits when two devices change different fields', async () => {
		const c = await sharedCustomer('Wang Fang');
		await patchRecord(phone.db, 'customers', c.id, { company: 'Acme' });
		await patchRecord(laptop.db, 'customers', c.id, { notes: 'Prefers mornings' });
		phone.online();
		await phone.replication!.awaitInSync();
		laptop.online();
		for (const d of [phone, laptop]) {
			await until(async () =>
				expect(await customerOn(d, c.id)).toMatchObject({
					company: 'Acme',
					notes: 'Prefers mornings'
				})
			);
		}
		await phone.offline();
		await laptop.offline();
	});

	it('gives the same field to the later edit everywhere and keeps the loser in history', async () => {
		const c = await sharedCustomer('Li Lei');
		await patchRecord(laptop.db, 'customers', c.id, { company: 'Earlier Ltd' });
		await new Promise((r) => setTimeout(r, 5));
		await patchRecord(phone.db, 'customers', c.id, { company: 'Later Ltd' });
		phone.online();
		await phone.replication!.awaitInSync();
		laptop.online();
		for (const d of [phone, laptop]) {
			await until(async () =>
				expect(await customerOn(d, c.id)).toMatchObject({ company: 'Later Ltd' })
			);
		}
		const { body } = await api(world.server, rep, `/api/history/customers/${c.id}`);
		expect(body.history).toContainEqual(
			expect.objectContaining({ kind: 'conflict', field: 'company', value: 'Earlier Ltd' })
		);
		await phone.offline();
		await laptop.offline();
	});

	it('brings a record deleted on one device back with the other device’s edit', async () => {
		const c = await sharedCustomer('Zhang Wei');
		await deleteRecord(phone.db, 'customers', c.id);
		await patchRecord(laptop.db, 'customers', c.id, { company: 'Still here' });
		phone.online();
		await phone.replication!.awaitInSync();
		laptop.online();
		for (const d of [phone, laptop]) {
			await until(async () =>
				expect(await customerOn(d, c.id)).toMatchObject({ company: 'Still here' })
			);
		}
		const { body } = await api(world.server, rep, `/api/history/customers/${c.id}`);
		expect(body.history).toContainEqual(
			expect.objectContaining({ kind: 'conflict', field: '_deleted', value: true })
		);
		await phone.offline();
		await laptop.offline();
	});
});
