/**
 * Children carry a copy of their customer's owner (`customer_owner_id`, what pulls filter
 * on): it is set when the child is written, filled in when the customer arrives, follows
 * reassignment and a child moving to another customer, and decides what pulls return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds } from '../../server/testing';
import { syncHistory, syncRecords } from '../../server/db/schema';
import { startWorld, type TestUser, type World } from './harness';
import { newCustomer, newOrder, pullAll, push } from './protocol-client';

describe.each(databaseKinds())('children’s copy of the customer owner on %s', (kind) => {
	let world: World;
	let admin: TestUser, repA: TestUser, repB: TestUser;

	beforeAll(async () => {
		world = await startWorld(kind);
		admin = await world.addUser('admin');
		repA = await world.addUser('rep');
		repB = await world.addUser('rep');
	});
	afterAll(async () => {
		await world?.close();
	});

	const ownerCopy = async (id: string) => {
		const [row] = await world.test.database.db
			.select({ owner: syncRecords.customerOwnerId })
			.from(syncRecords)
			.where(and(eq(syncRecords.collection, 'orders'), eq(syncRecords.id, id)));
		return row?.owner;
	};
	/** The orders a user's device holds after a full pull (tombstones drop them). */
	const pulledIds = async (user: TestUser) => {
		const { docs } = await pullAll(world.server, user, 'orders');
		const held = new Set<string>();
		for (const d of docs) {
			if (d._deleted) held.delete(d.id);
			else held.add(d.id);
		}
		return held;
	};

	it('is null until the customer arrives, then the customer’s owner', async () => {
		const customer = newCustomer(repA.id);
		const order = newOrder(customer.id);
		expect(await push(world.server, repA, 'orders', [{ newDocumentState: order }])).toEqual([]);
		expect(await ownerCopy(order.id)).toBeNull();
		expect(await pulledIds(repA)).toContain(order.id);
		expect(await pulledIds(repB)).not.toContain(order.id);

		expect(await push(world.server, repA, 'customers', [{ newDocumentState: customer }])).toEqual(
			[]
		);
		expect(await ownerCopy(order.id)).toBe(repA.id);
	});

	it('is set on write, follows reassignment, and moves with the child', async () => {
		const customer = newCustomer(repA.id);
		const other = newCustomer(repB.id);
		await push(world.server, admin, 'customers', [
			{ newDocumentState: customer },
			{ newDocumentState: other }
		]);
		const order = newOrder(customer.id);
		await push(world.server, repA, 'orders', [{ newDocumentState: order }]);
		expect(await ownerCopy(order.id)).toBe(repA.id);

		const moved = { ...customer, ownerId: repB.id, updatedAt: customer.updatedAt + 1 };
		await push(world.server, admin, 'customers', [
			{ newDocumentState: moved, assumedMasterState: customer }
		]);
		expect(await ownerCopy(order.id)).toBe(repB.id);
		expect(await pulledIds(repB)).toContain(order.id);
		expect(await pulledIds(repA)).not.toContain(order.id);

		const rehomed = { ...order, customerId: other.id, updatedAt: order.updatedAt + 1 };
		await push(world.server, admin, 'orders', [
			{ newDocumentState: rehomed, assumedMasterState: order }
		]);
		expect(await ownerCopy(order.id)).toBe(repB.id);
		const back = { ...moved, ownerId: repA.id, updatedAt: moved.updatedAt + 1 };
		await push(world.server, admin, 'customers', [
			{ newDocumentState: back, assumedMasterState: moved }
		]);
		expect(await ownerCopy(order.id)).toBe(repB.id);
	});

	it('writes a batch naming one record twice as its last state, with every history row', async () => {
		const customer = newCustomer(repA.id, { name: 'First' });
		const second = { ...customer, name: 'Second', updatedAt: customer.updatedAt + 1 };
		expect(
			await push(world.server, repA, 'customers', [
				{ newDocumentState: customer },
				{ newDocumentState: second, assumedMasterState: customer }
			])
		).toEqual([]);
		const [row] = await world.test.database.db
			.select({ data: syncRecords.data })
			.from(syncRecords)
			.where(and(eq(syncRecords.collection, 'customers'), eq(syncRecords.id, customer.id)));
		expect(row.data).toEqual(second);
		const history = await world.test.database.db
			.select({ kind: syncHistory.kind, field: syncHistory.field, value: syncHistory.value })
			.from(syncHistory)
			.where(eq(syncHistory.recordId, customer.id))
			.orderBy(syncHistory.id);
		expect(history).toEqual([
			{ kind: 'create', field: null, value: customer },
			{ kind: 'edit', field: 'name', value: 'Second' }
		]);
	});
});
