/**
 * The change feed under concurrent pushes: 16 devices push new customers with random delays
 * while a puller pages through the feed, a stream listens and an RxDB device replicates.
 * Every change must arrive, none twice, none skipped. Only PostgreSQL commits concurrently
 * (PGlite runs one transaction at a time), so the test proves most there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { openDevice, startWorld, until, type Device, type TestUser, type World } from './harness';
import { newCustomer, openStream, pullAll, push } from './protocol-client';
import type { Checkpoint, WireDoc } from '$lib/domain/sync/protocol';

const DEVICES = 16;
const ROUNDS = 3;
const PUSHES_PER_DEVICE = 4;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseKinds())('change feed on %s', (kind) => {
	let world: World;
	let manager: TestUser;
	let reps: TestUser[];
	let watcher: Device;

	beforeAll(async () => {
		world = await startWorld(kind);
		manager = await world.addUser('manager');
		reps = await Promise.all(
			Array.from({ length: DEVICES }, () => world.addUser('rep', manager.id))
		);
		watcher = await openDevice(world, manager, ['customers']);
		watcher.online();
	});
	afterAll(async () => {
		await watcher?.close();
		await world?.close();
	});

	it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
		'delivers every concurrent change exactly once (round %i)',
		async () => {
			const stream = openStream(world.server, manager, 'customers');
			await until(() => expect(stream.events[0]).toBe('RESYNC'));
			let { checkpoint } = await pullAll(world.server, manager, 'customers');
			const pushed: WireDoc[] = [];
			let writing = true;
			const pulled: WireDoc[] = [];
			const puller = (async () => {
				while (writing) {
					const page = await pullAll(
						world.server,
						manager,
						'customers',
						checkpoint as Checkpoint | null,
						3
					);
					pulled.push(...page.docs);
					checkpoint = page.checkpoint;
					await pause(Math.random() * 5);
				}
				pulled.push(
					...(await pullAll(world.server, manager, 'customers', checkpoint as Checkpoint | null, 3))
						.docs
				);
			})();
			await Promise.all(
				reps.map(async (rep) => {
					for (let i = 0; i < PUSHES_PER_DEVICE; i++) {
						await pause(Math.random() * 20);
						const batch = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () =>
							newCustomer(rep.id)
						);
						pushed.push(...batch);
						expect(
							await push(
								world.server,
								rep,
								'customers',
								batch.map((d) => ({ newDocumentState: d }))
							)
						).toEqual([]);
					}
				})
			);
			writing = false;
			await puller;

			const ids = (docs: WireDoc[]) => docs.map((d) => d.id).sort();
			const expected = ids(pushed);
			expect(ids(pulled)).toEqual(expected);
			await until(() => expect(ids(stream.docs())).toEqual(expected));
			await stream.close();
			await until(async () => {
				const local = await watcher.db.customers.findByIds(expected).exec();
				expect(local.size).toBe(expected.length);
			});
		}
	);
});
