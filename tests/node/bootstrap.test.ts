/**
 * A fresh device's first sync through `bootstrapCollection`: each pulled record is written
 * once (no meta copy), nothing pulled is pushed back, and the server's field-level merge
 * still gets the base of every edit: one made while the first sync runs (held in memory)
 * and one made after it (stored just before the edit). Records typed meanwhile are pushed,
 * and later changes from other devices (edits, deletes) still arrive.
 */
import { randomUUID } from 'node:crypto';
import { createRxDatabase, getAssumedMasterState } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { databaseName, openDatabase, type FieldbookDb } from '$lib/db/database';
import { createStorage } from '$lib/db/storage';
import { RX_SCHEMAS } from '$lib/domain/rx-schemas.generated';
import { keepBases } from '$lib/sync/base-keeper';
import { replicationFlag } from '$lib/sync/waiting';
import { createRecord, deleteRecord, patchRecord } from '$lib/db/records';
import { startReplication, type ReplicationHandle } from '$lib/sync/replication';
import type { WireDoc } from '$lib/domain/sync/protocol';
import { newCustomer, pullAll, push, seedCustomers } from './protocol-client';
import { startWorld, until, type TestUser, type World } from './harness';

const ON_SERVER = 1200;

describe.each(databaseKinds())('bootstrap of a fresh device on %s', (kind) => {
	let world: World;
	let rep: TestUser;
	let seeded: WireDoc[];
	let deletedOnServer: WireDoc;
	let db: FieldbookDb | undefined;
	let handle: ReplicationHandle | undefined;

	beforeAll(async () => {
		world = await startWorld(kind);
		rep = await world.addUser('rep');
		seeded = await seedCustomers(world.server, rep, ON_SERVER, { company: 'Before' }, 400);
		deletedOnServer = newCustomer(rep.id, { name: 'Deleted before' });
		await push(world.server, rep, 'customers', [{ newDocumentState: deletedOnServer }]);
		await push(world.server, rep, 'customers', [
			{
				newDocumentState: { ...deletedOnServer, _deleted: true, updatedAt: Date.now() + 1 },
				assumedMasterState: deletedOnServer
			}
		]);
	}, 60_000);
	afterAll(async () => {
		await handle?.cancel();
		await db?.close();
		await world?.close();
	});

	/** Another device changes one field of a seeded record on the server. */
	async function editElsewhere(doc: WireDoc, fields: Record<string, unknown>, user = rep) {
		const current = (await pullAll(world.server, user, 'customers', null, 1000)).docs
			.filter((d) => d.id === doc.id)
			.at(-1)!;
		await push(world.server, user, 'customers', [
			{
				newDocumentState: { ...current, ...fields, updatedAt: Date.now() },
				assumedMasterState: current
			}
		]);
	}

	it('writes each record once, pushes nothing back and keeps every edit’s base', async () => {
		db = await openDatabase({
			userId: `${rep.id}-${randomUUID()}`,
			storage: 'memory',
			devMode: true,
			multiInstance: false
		});
		const pushed: { newDocumentState: WireDoc; assumedMasterState?: WireDoc }[] = [];
		let slowPulls = true;
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
				// Slow pages keep the first sync running while the device is used.
				if (url.includes('/pull') && slowPulls) await new Promise((r) => setTimeout(r, 40));
				return fetch(input, init);
			}
		});
		const state = handle.states.customers;
		const received = () => db!.customers.count().exec();

		// While the first sync runs (the replication has not started yet): type one record,
		// edit a pulled one while another device renames it.
		await until(async () => expect(await received()).toBeGreaterThan(200), 30_000);
		expect(state.internalReplicationState).toBeUndefined();
		const typedDuring = await createRecord(db, 'customers', {
			name: 'Typed meanwhile',
			ownerId: rep.id
		});
		const pulledEarly = (await db.customers.findOne({ selector: { company: 'Before' } }).exec())!;
		const early = seeded.find((d) => d.id === pulledEarly.id)!;
		await patchRecord(db, 'customers', early.id, { company: 'Edited during the first sync' });
		await editElsewhere(early, { name: 'Renamed elsewhere (early)' });
		expect(state.internalReplicationState).toBeUndefined();
		slowPulls = false;

		await until(async () => expect(await received()).toBe(ON_SERVER + 1), 60_000);
		await handle.awaitInSync();
		// Once: no meta copies of records only pulled.
		const internal = state.internalReplicationState!;
		const untouched = seeded
			.slice(10, 60)
			.filter((d) => d !== early)
			.map((d) => d.id);
		expect(Object.keys(await getAssumedMasterState(internal as never, untouched))).toEqual([]);
		expect(await db.customers.findOne(deletedOnServer.id).exec()).toBeNull();

		// After the first sync: edit a pulled record while another device changes another field.
		const [late, laterEdited, laterDeleted, deletedHere] = seeded.filter((d) => d !== early);
		await patchRecord(db, 'customers', late.id, { company: 'Edited after the first sync' });
		await editElsewhere(late, { name: 'Renamed elsewhere (late)' });

		await until(async () => {
			const onServer = new Map(
				(await pullAll(world.server, rep, 'customers', null, 1000)).docs.map((d) => [d.id, d])
			);
			expect(onServer.get(typedDuring.id)?.name).toBe('Typed meanwhile');
			// Both sides' fields survive the merge: the device's edits had their bases.
			expect(onServer.get(early.id)).toMatchObject({
				company: 'Edited during the first sync',
				name: 'Renamed elsewhere (early)'
			});
			expect(onServer.get(late.id)).toMatchObject({
				company: 'Edited after the first sync',
				name: 'Renamed elsewhere (late)'
			});
		}, 30_000);
		const earlyPush = pushed.find((r) => r.newDocumentState.id === early.id);
		expect(earlyPush?.assumedMasterState?.company).toBe('Before');
		const latePush = pushed.find((r) => r.newDocumentState.id === late.id);
		expect(latePush?.assumedMasterState?.company).toBe('Before');
		// Nothing only pulled was pushed back.
		const edited = new Set([early.id, late.id]);
		const seededIds = new Set(seeded.map((d) => d.id));
		expect(
			pushed.filter(
				(r) => seededIds.has(r.newDocumentState.id) && !edited.has(r.newDocumentState.id)
			)
		).toEqual([]);

		// Other devices' later changes of pulled records arrive: an edit and a delete.
		await editElsewhere(laterEdited, { company: 'Changed elsewhere later' });
		await push(world.server, rep, 'customers', [
			{
				newDocumentState: { ...laterDeleted, _deleted: true, updatedAt: Date.now() },
				assumedMasterState: laterDeleted
			}
		]);
		await until(async () => {
			expect((await db!.customers.findOne(laterEdited.id).exec())?.company).toBe(
				'Changed elsewhere later'
			);
			expect(await db!.customers.findOne(laterDeleted.id).exec()).toBeNull();
			// The device converged on the merged states too.
			expect((await db!.customers.findOne(early.id).exec())?.name).toBe(
				'Renamed elsewhere (early)'
			);
			expect((await db!.customers.findOne(late.id).exec())?.name).toBe('Renamed elsewhere (late)');
		}, 30_000);

		// A delete of a pulled record on the device reaches the server.
		await deleteRecord(db, 'customers', deletedHere.id);
		await until(async () => {
			const onServer = new Map(
				(await pullAll(world.server, rep, 'customers', null, 1000)).docs.map((d) => [d.id, d])
			);
			expect(onServer.get(deletedHere.id)?._deleted).toBe(true);
		}, 30_000);
	}, 180_000);
	it('keeps the base of an edit made in another tab than the one that syncs', async () => {
		// Two tabs of one device: A leads and runs the replication; B only installs the base
		// keeper, as a tab waiting for leadership does. Both see the same storage.
		const other = await world.addUser('rep');
		const [doc] = await seedCustomers(world.server, other, 30, { company: 'Before' });
		const userId = `${other.id}-${randomUUID()}`;
		const tabA = await openDatabase({
			userId,
			storage: 'memory',
			devMode: true,
			multiInstance: false
		});
		const pushed: { newDocumentState: WireDoc; assumedMasterState?: WireDoc }[] = [];
		const handleA = startReplication({
			db: tabA,
			baseUrl: world.server.baseUrl,
			getToken: () => other.token,
			collections: ['customers'],
			retryTime: 200,
			reconnectMs: 100,
			waitForLeadership: false,
			fetch: async (input, init) => {
				if (String(input).includes('/push')) pushed.push(...JSON.parse(String(init?.body)));
				return fetch(input, init);
			}
		});
		const tabB = (await createRxDatabase({
			name: databaseName(userId),
			storage: await createStorage('memory', true),
			multiInstance: false,
			ignoreDuplicate: true
		})) as unknown as FieldbookDb;
		try {
			await tabB.addCollections({ customers: { schema: structuredClone(RX_SCHEMAS.customers) } });
			await handleA.awaitInSync();
			const waiting = replicateRxCollection({
				replicationIdentifier: handleA.states.customers.replicationIdentifier,
				collection: tabB.customers as never,
				live: false,
				autoStart: false,
				waitForLeadership: false,
				pull: { handler: async () => ({ documents: [], checkpoint: undefined }) },
				push: { handler: async () => [] }
			});
			const hash = await tabB.hashFunction(replicationFlag(waiting as never));
			const keeper = keepBases(tabB.customers as never, waiting as never, hash);
			// Another device renames it while tab B edits another field, before tab A pushes.
			const resume = await handleA.pause();
			await editElsewhere(doc, { name: 'Renamed elsewhere (tab B)' }, other);
			await patchRecord(tabB, 'customers', doc.id, { company: 'Edited in tab B' });
			await resume();
			await until(async () => {
				const onServer = (await pullAll(world.server, other, 'customers', null, 1000)).docs
					.filter((d) => d.id === doc.id)
					.at(-1);
				// Both fields survive the merge: tab A pushed tab B's edit with its base.
				expect(onServer).toMatchObject({
					company: 'Edited in tab B',
					name: 'Renamed elsewhere (tab B)'
				});
			}, 30_000);
			const row = pushed.find((r) => r.newDocumentState.id === doc.id);
			expect(row?.assumedMasterState?.company).toBe('Before');
			await keeper.stop();
			await waiting.cancel();
		} finally {
			await handleA.cancel();
			await tabB.close();
			await tabA.close();
		}
	}, 60_000);
});
