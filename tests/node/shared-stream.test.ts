/**
 * The app's one shared change stream (`/api/sync/stream` behind `sharedStreamFetch`): a
 * device replicating all six collections holds one stream connection, gets other devices'
 * changes live through it, and sees only its own scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { createRecord } from '$lib/db/records';
import { startReplication } from '$lib/sync/replication';
import { sharedStreamFetch } from '$lib/sync/stream-mux';
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

describe.each(databaseKinds())('shared change stream on %s', (kind) => {
	let world: World;
	let rep: TestUser;
	let otherRep: TestUser;
	let writer: Device;
	let reader: Device;
	const streamCalls: string[] = [];

	beforeAll(async () => {
		world = await startWorld(kind);
		rep = await world.addUser('rep');
		otherRep = await world.addUser('rep');
		writer = await openDevice(world, rep);
		reader = await openDevice(world, rep);
		const counting: typeof fetch = (input, init) => {
			const url = String(input);
			if (url.includes('/stream')) streamCalls.push(url.replace(world.server.baseUrl, ''));
			return fetch(input, init);
		};
		reader.replication = startReplication({
			db: reader.db,
			baseUrl: world.server.baseUrl,
			getToken: () => rep.token,
			fetch: sharedStreamFetch(counting, world.server.baseUrl),
			retryTime: 60_000,
			waitForLeadership: false
		});
		writer.online();
	});
	afterAll(async () => {
		await reader?.close();
		await writer?.close();
		await world?.close();
	});

	it('delivers every collection live over one connection', async () => {
		const customer = await createRecord(writer.db, 'customers', {
			name: 'Shared Stream',
			ownerId: rep.id
		});
		const visit = await createRecord(writer.db, 'visits', {
			customerId: customer.id,
			plannedAt: Date.now() + 3_600_000
		});
		await until(async () => {
			expect(await reader.db.customers.findOne(customer.id).exec()).toBeTruthy();
			expect(await reader.db.visits.findOne(visit.id).exec()).toBeTruthy();
		});
		expect(streamCalls).toEqual(['/api/sync/stream']);
	});

	it('leaves out what the user may not see', async () => {
		const theirs = await api(world.server, otherRep, '/api/sync/customers/push', {
			method: 'POST',
			body: JSON.stringify([
				{
					newDocumentState: newCustomer(otherRep.id, {
						id: '0190a000-0000-7000-8000-00000000beef',
						name: 'Not yours'
					})
				}
			])
		});
		expect(theirs.status).toBe(200);
		const mine = await createRecord(writer.db, 'customers', {
			name: 'After theirs',
			ownerId: rep.id
		});
		await until(async () => expect(await reader.db.customers.findOne(mine.id).exec()).toBeTruthy());
		expect(
			await reader.db.customers.findOne('0190a000-0000-7000-8000-00000000beef').exec()
		).toBeNull();
	});

	it('answers 404 for an unknown collection and 401 without a session', async () => {
		expect(
			(await api(world.server, rep, '/api/sync/stream?collections=customers,secrets')).status
		).toBe(404);
		expect((await api(world.server, undefined, '/api/sync/stream')).status).toBe(401);
	});
});
