/** Two server processes on one PostgreSQL: a push to one reaches a live stream on the other. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { createRecord } from '$lib/db/records';
import {
	openDevice,
	startWorld,
	until,
	type Device,
	type RunningServer,
	type World
} from './harness';

const kinds = databaseKinds().filter((k) => k === 'postgres');
if (!kinds.length)
	console.warn('multi-process sync test SKIPPED: it needs PostgreSQL (set TEST_DATABASE_URL).');

describe.skipIf(!kinds.length)('two server processes on one PostgreSQL', () => {
	let world: World;
	let second: RunningServer;
	let writer: Device;
	let reader: Device;

	beforeAll(async () => {
		world = await startWorld('postgres');
		second = await world.secondServer();
		const rep = await world.addUser('rep');
		writer = await openDevice(world, rep);
		reader = await openDevice(world, rep);
	});
	afterAll(async () => {
		await writer?.close();
		await reader?.close();
		await world?.close();
	});

	it('streams a push made on one process to a device connected to the other', async () => {
		reader.online(second);
		await reader.replication!.awaitInSync();
		writer.online(world.server);
		const c = await createRecord(writer.db, 'customers', {
			name: 'Across processes',
			ownerId: writer.user.id
		});
		await until(async () =>
			expect((await reader.db.customers.findOne(c.id).exec())?.name).toBe('Across processes')
		);
		// Live, not a periodic pull: the reader never re-pulls unless its stream says so.
		expect(reader.replication!.states.customers.isStopped()).toBe(false);
	});
});
