/**
 * A device's first sync against a server that already holds many records: what the user
 * typed before it and while it runs still reaches the server, and an edit of a pulled record
 * is pushed with the state it was based on (the server's field-level merge needs it). The
 * stream's RESYNC is held until the first sync is done (`heldUntil` in replication.ts), so
 * the push side does not re-read every pulled record meanwhile.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { createRecord, patchRecord } from '$lib/db/records';
import { startReplication, type ReplicationHandle } from '$lib/sync/replication';
import type { WireDoc } from '$lib/domain/sync/protocol';
import { newCustomer, pullAll, push, seedCustomers } from './protocol-client';
import { startWorld, until, type TestUser, type World } from './harness';

const ON_SERVER = 1500;

describe.each(databaseKinds())('first sync of a fresh device on %s', (kind) => {
	let world: World;
	let rep: TestUser;
	let seeded: WireDoc[];
	let db: FieldbookDb | undefined;
	let handle: ReplicationHandle | undefined;

	beforeAll(async () => {
		world = await startWorld(kind);
		rep = await world.addUser('rep');
		seeded = await seedCustomers(world.server, rep, ON_SERVER, { company: 'Before' }, 500);
	}, 60_000);
	afterAll(async () => {
		await handle?.cancel();
		await db?.close();
		await world?.close();
	});

	it('pushes what was typed before and during it, edits with their assumed master state', async () => {
		db = await openDatabase({
			userId: `${rep.id}-${randomUUID()}`,
			storage: 'memory',
			devMode: true,
			multiInstance: false
		});
		const typedBefore = await createRecord(db, 'customers', {
			name: 'Typed offline',
			ownerId: rep.id
		});
		const pushed: { newDocumentState: WireDoc; assumedMasterState?: WireDoc }[] = [];
		const resyncs: number[] = [];
		handle = startReplication({
			db,
			baseUrl: world.server.baseUrl,
			getToken: () => rep.token,
			collections: ['customers'],
			retryTime: 200,
			reconnectMs: 100,
			waitForLeadership: false,
			pullBatchSize: 100,
			fetch: async (input, init) => {
				const url = String(input);
				if (url.includes('/push')) pushed.push(...JSON.parse(String(init?.body)));
				const res = await fetch(input, init);
				if (url.includes('/stream')) resyncs.push(Date.now());
				return res;
			}
		});
		const received = () => db!.customers.count().exec();
		// While the first sync is taking records in: type a new one and edit a pulled one.
		await until(async () => expect(await received()).toBeGreaterThan(200), 30_000);
		expect(await received()).toBeLessThan(ON_SERVER + 1);
		const typedDuring = await createRecord(db, 'customers', {
			name: 'Typed during the first sync',
			ownerId: rep.id
		});
		const pulled = (await db.customers.findOne({ selector: { company: 'Before' } }).exec())!;
		expect(pulled).not.toBeNull();
		await patchRecord(db, 'customers', pulled.id, { company: 'Edited on the device' });
		// Another device writes meanwhile: it arrives by the stream or the resync after the first sync.
		const elsewhere = newCustomer(rep.id, { name: 'Written elsewhere meanwhile' });
		await push(world.server, rep, 'customers', [{ newDocumentState: elsewhere }]);

		await until(async () => expect(await received()).toBe(ON_SERVER + 3), 60_000);
		expect((await db.customers.findOne(elsewhere.id).exec())?.name).toBe(
			'Written elsewhere meanwhile'
		);
		await handle.awaitInSync();
		const onServer = new Map(
			(await pullAll(world.server, rep, 'customers', null, 1000)).docs.map((d) => [d.id, d])
		);
		await until(async () => {
			const now = new Map(
				(await pullAll(world.server, rep, 'customers', null, 1000)).docs.map((d) => [d.id, d])
			);
			expect(now.get(typedBefore.id)?.name).toBe('Typed offline');
			expect(now.get(typedDuring.id)?.name).toBe('Typed during the first sync');
			expect(now.get(pulled.id)?.company).toBe('Edited on the device');
		});
		expect(onServer.size).toBeGreaterThanOrEqual(ON_SERVER);
		// The edit carried the pulled state as its base, so the server merged it field by field.
		const edit = pushed.find((r) => r.newDocumentState.id === pulled.id);
		expect(edit?.assumedMasterState?.company).toBe('Before');
		// Records only pulled were never pushed back.
		const seededIds = new Set(seeded.map((d) => d.id));
		expect(pushed.filter((r) => seededIds.has(r.newDocumentState.id) && r !== edit).length).toBe(0);
		expect(resyncs.length).toBeGreaterThanOrEqual(1);
	}, 120_000);
});
