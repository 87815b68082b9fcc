/**
 * Pausing replication for a bulk load (`ReplicationHandle.pause`, used by "Load demo data"):
 * nothing is pushed or pulled while paused, and on resume every record written meanwhile
 * reaches the server and what others wrote meanwhile arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { bulkInsert, createRecord } from '$lib/db/records';
import { newCustomer } from './protocol-client';
import {
	api,
	openDevice,
	startWorld,
	until,
	type Device,
	type TestUser,
	type World
} from './harness';

describe.each(databaseKinds())('replication paused for a bulk load on %s', (kind) => {
	let world: World;
	let rep: TestUser;
	let loader: Device;
	let other: Device;

	beforeAll(async () => {
		world = await startWorld(kind);
		rep = await world.addUser('rep');
		loader = await openDevice(world, rep, ['customers']);
		other = await openDevice(world, rep, ['customers']);
		loader.online();
		other.online();
		await loader.replication!.awaitInSync();
		await other.replication!.awaitInSync();
	});
	afterAll(async () => {
		await loader?.close();
		await other?.close();
		await world?.close();
	});

	const serverCount = async () => {
		const res = await api(world.server, rep, '/api/sync/customers/pull?limit=1000');
		expect(res.status).toBe(200);
		return (res.body as { documents: unknown[] }).documents.length;
	};

	it('holds back pushes and pulls until resumed, then sends and receives everything', async () => {
		const resume = await loader.replication!.pause();
		const records = Array.from({ length: 150 }, (_, i) =>
			newCustomer(rep.id, { name: `Bulk ${i}` })
		);
		await bulkInsert(loader.db, 'customers', records as never[]);
		const fromOther = await createRecord(other.db, 'customers', {
			name: 'Written elsewhere',
			ownerId: rep.id
		});
		await until(async () => expect(await serverCount()).toBe(1));
		// Paused: the loader neither pushed its 150 nor pulled the other device's record.
		await new Promise((r) => setTimeout(r, 500));
		expect(await serverCount()).toBe(1);
		expect(await loader.db.customers.findOne(fromOther.id).exec()).toBeNull();

		await resume();
		await until(async () => expect(await serverCount()).toBe(151));
		await until(async () =>
			expect(await loader.db.customers.findOne(fromOther.id).exec()).not.toBeNull()
		);
		await until(async () => expect(await other.db.customers.count().exec()).toBe(151));
	});
});
