/**
 * The change feed under concurrent pushes: 16 devices push new customers with random delays
 * while a puller pages through the feed, a stream listens and an RxDB device replicates.
 * Every change must arrive, none twice, none skipped. Only PostgreSQL commits concurrently
 * (PGlite runs one transaction at a time), so the test proves most there; the PostgreSQL
 * suite below also holds the feed lock and a record lock from a second connection to check
 * that pushes take their feed positions under the feed lock, at commit, and exclude each
 * other per record only.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../server/testing';
import { FEED_LOCK } from '../../server/sync/feed';
import {
	api,
	openDevice,
	startWorld,
	until,
	type Device,
	type TestUser,
	type World
} from './harness';
import { latest, newCustomer, newOrder, openStream, pullAll, push } from './protocol-client';
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

describe.skipIf(!databaseKinds().includes('postgres'))('feed locks on postgres', () => {
	let world: World;
	let rep: TestUser;
	let other: pg.Client;

	beforeAll(async () => {
		world = await startWorld('postgres');
		rep = await world.addUser('rep');
		other = new pg.Client({ connectionString: world.test.url });
		await other.connect();
	});
	afterAll(async () => {
		await other?.end();
		await world?.close();
	});

	/** Whether `p` settles within `ms`. */
	const settlesWithin = (p: Promise<unknown>, ms: number) =>
		Promise.race([p.then(() => true), pause(ms).then(() => false)]);

	it('a push commits only while it holds the feed lock, and takes its position then', async () => {
		const { checkpoint } = await pullAll(world.server, rep, 'customers');
		await other.query('begin');
		await other.query('select pg_advisory_xact_lock($1)', [FEED_LOCK]);
		// A position taken by the lock holder: the push must land after it.
		const [{ seq: held }] = (await other.query(`select nextval('sync_seq')::float8 as seq`)).rows;
		const doc = newCustomer(rep.id);
		const pushing = push(world.server, rep, 'customers', [{ newDocumentState: doc }]);
		expect(await settlesWithin(pushing, 500)).toBe(false);
		const meanwhile = await pullAll(world.server, rep, 'customers', checkpoint as Checkpoint);
		expect(meanwhile.docs).toEqual([]);
		await other.query('commit');
		expect(await pushing).toEqual([]);
		const after = await pullAll(world.server, rep, 'customers', checkpoint as Checkpoint);
		expect(after.docs.map((d) => d.id)).toEqual([doc.id]);
		expect((after.checkpoint as Checkpoint).seq).toBeGreaterThan(held);
	});

	it('pushes wait for a push of the same record only (new records and edits)', async () => {
		const a = newCustomer(rep.id);
		const b = newCustomer(rep.id);
		const lockA = async () => {
			await other.query('begin');
			await other.query(`select sync_lock_records($1::jsonb, '[]'::jsonb)`, [
				JSON.stringify([`customers/${a.id}`])
			]);
		};
		// New records (the locked path: a new customer runs the scope hooks).
		await lockA();
		const pushingA = push(world.server, rep, 'customers', [{ newDocumentState: a }]);
		expect(await push(world.server, rep, 'customers', [{ newDocumentState: b }])).toEqual([]);
		expect(await settlesWithin(pushingA, 300)).toBe(false);
		await other.query('commit');
		expect(await pushingA).toEqual([]);
		// Edits (the optimistic path: its write statement takes the locks).
		await lockA();
		const editA = { ...a, name: 'A edited', updatedAt: a.updatedAt + 1 };
		const editingA = push(world.server, rep, 'customers', [
			{ newDocumentState: editA, assumedMasterState: a }
		]);
		expect(
			await push(world.server, rep, 'customers', [
				{
					newDocumentState: { ...b, name: 'B edited', updatedAt: b.updatedAt + 1 },
					assumedMasterState: b
				}
			])
		).toEqual([]);
		expect(await settlesWithin(editingA, 300)).toBe(false);
		await other.query('commit');
		expect(await editingA).toEqual([]);
		const stored = latest((await pullAll(world.server, rep, 'customers')).docs);
		expect(stored.get(a.id)?.name).toBe('A edited');
		expect(stored.get(b.id)?.name).toBe('B edited');
	});

	it('child pushes, reassignments and manager changes at once: no deadlock, owner copies exact', async () => {
		const admin = await world.addUser('admin');
		const manager = await world.addUser('manager');
		const repA = await world.addUser('rep', manager.id);
		const repB = await world.addUser('rep');
		const customer = newCustomer(repA.id);
		expect(await push(world.server, admin, 'customers', [{ newDocumentState: customer }])).toEqual(
			[]
		);
		const orders = Array.from({ length: 6 }, () => newOrder(customer.id));
		expect(
			await push(
				world.server,
				admin,
				'orders',
				orders.map((o) => ({ newDocumentState: o }))
			)
		).toEqual([]);
		const until = Date.now() + 2500;
		const loop = async (step: (i: number) => Promise<unknown>) => {
			for (let i = 0; Date.now() < until; i++) {
				await step(i);
				await pause(Math.random() * 10);
			}
		};
		let owner = repA.id;
		await Promise.all([
			// The customer moves between the reps (repA's manager gains and loses it).
			loop(async (i) => {
				owner = i % 2 ? repA.id : repB.id;
				await push(world.server, admin, 'customers', [
					{ newDocumentState: { ...customer, ownerId: owner, updatedAt: Date.now() } }
				]);
			}),
			// repB gains and loses the manager.
			loop(async (i) => {
				const res = await api(world.server, admin, `/api/users/${repB.id}`, {
					method: 'PATCH',
					body: JSON.stringify({ managerId: i % 2 ? null : manager.id })
				});
				expect(res.status).toBe(200);
			}),
			// Edits of the children, by an admin and by repA (refused while it is not theirs),
			// and new children.
			...[admin, repA].map((user) =>
				loop(async (i) => {
					const order = orders[i % orders.length];
					await push(world.server, user, 'orders', [
						{ newDocumentState: { ...order, orderNo: `A-${i}`, updatedAt: Date.now() } },
						{ newDocumentState: newOrder(customer.id) }
					]);
				})
			)
		]);
		const rows = (
			await other.query(
				`select c.owner_id, o.customer_owner_id from sync_records o
				join sync_records c on c.collection = 'customers' and c.id = o.customer_id
				where o.collection = 'orders' and o.customer_id = $1`,
				[customer.id]
			)
		).rows as { owner_id: string; customer_owner_id: string }[];
		expect(rows.length).toBeGreaterThan(orders.length);
		expect(rows.every((r) => r.owner_id === owner && r.customer_owner_id === owner)).toBe(true);
	});

	it('concurrent pushes of one record from one base all merge (no lost update)', async () => {
		const base = newCustomer(rep.id, { updatedAt: Date.now() - 10_000 });
		expect(await push(world.server, rep, 'customers', [{ newDocumentState: base }])).toEqual([]);
		// Each device changes its own field; every round gives every field a new value.
		const edits = (r: number): Record<string, unknown>[] => [
			{ name: `Renamed ${r}` },
			{ stage: r % 2 ? 'prospect' : 'customer' },
			{ company: `Acme ${r}` },
			{ occupation: `Buyer ${r}` },
			{ notes: `Prefers mornings ${r}` },
			{ interests: [`tea ${r}`] },
			{ grade: r % 2 ? 'a' : 'b' },
			{ customFields: { size: `large ${r}` } }
		];
		for (let round = 0; round < 5; round++) {
			const current = latest((await pullAll(world.server, rep, 'customers')).docs).get(base.id)!;
			const sent: Record<string, unknown>[] = edits(round).map((fields, i) => ({
				...current,
				...fields,
				updatedAt: current.updatedAt + 1 + i
			}));
			await Promise.all(
				sent.map(async (doc) => {
					await pause(Math.random() * 5);
					await push(world.server, rep, 'customers', [
						{ newDocumentState: doc as WireDoc, assumedMasterState: current }
					]);
				})
			);
			const stored = latest((await pullAll(world.server, rep, 'customers')).docs).get(base.id)!;
			for (const [i, fields] of edits(round).entries())
				for (const field of Object.keys(fields)) expect(stored[field]).toEqual(sent[i][field]);
		}
	});
});
