import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { createRecord, patchRecord } from '$lib/db/records';
import { canChangeWaiting, countWaiting } from './waiting';

/** A master held in memory: push stores rows (or fails while "offline"), pull serves `served`. */
function fakeMaster() {
	const master = {
		offline: false,
		pushed: [] as Record<string, unknown>[],
		served: [] as Record<string, unknown>[]
	};
	return master;
}

let db: FieldbookDb;
let n = 0;
const states: RxReplicationState<unknown, unknown>[] = [];

function replicate(master: ReturnType<typeof fakeMaster>): RxReplicationState<unknown, unknown> {
	const state = replicateRxCollection<Record<string, unknown>, { i: number }>({
		replicationIdentifier: 'waiting-test',
		collection: db.customers as never,
		live: true,
		retryTime: 20,
		waitForLeadership: false,
		pull: {
			async handler(checkpoint) {
				const from = checkpoint?.i ?? 0;
				const documents = master.served.slice(from) as WithDeleted<Record<string, unknown>>[];
				return { documents, checkpoint: { i: from + documents.length } };
			}
		},
		push: {
			async handler(rows) {
				if (master.offline) throw new Error('Network error: offline');
				master.pushed.push(...rows.map((r) => r.newDocumentState as Record<string, unknown>));
				return [];
			}
		}
	}) as RxReplicationState<unknown, unknown>;
	states.push(state);
	return state;
}

beforeEach(async () => {
	db = await openDatabase({ userId: `waiting-${Date.now()}-${n++}`, storage: 'memory' });
});
afterEach(async () => {
	for (const s of states.splice(0)) await s.cancel();
	await db.remove();
});

async function settle(state: RxReplicationState<unknown, unknown>, expected: number) {
	for (let i = 0; i < 200; i++) {
		if ((await countWaiting(state)) === expected) return expected;
		await new Promise((r) => setTimeout(r, 10));
	}
	return countWaiting(state);
}

/** A customer as the fake server holds it (pulled by the replication under test). */
function servedCustomer(id: string, name: string) {
	return {
		id,
		name,
		ownerId: 'u',
		updatedAt: 1,
		phones: [],
		emails: [],
		interests: [],
		stage: 'lead',
		customFields: {},
		_deleted: false
	};
}

describe('changes waiting to sync', () => {
	it('is undefined before the replication runs in this tab', async () => {
		const state = replicateRxCollection<Record<string, unknown>, unknown>({
			replicationIdentifier: 'never-started',
			collection: db.customers as never,
			autoStart: false,
			waitForLeadership: false,
			push: { handler: async () => [] }
		}) as RxReplicationState<unknown, unknown>;
		states.push(state);
		expect(await countWaiting(state)).toBeUndefined();
	});

	it('counts local writes until the server takes them, not pulled records', async () => {
		const master = fakeMaster();
		master.served.push(servedCustomer('0190a000-0000-7000-8000-000000000001', 'From server'));
		const state = replicate(master);
		await state.startPromise;
		await state.awaitInSync();
		expect(await db.customers.count().exec()).toBe(1);
		expect(await countWaiting(state)).toBe(0);
		master.offline = true;
		const a = await createRecord(db, 'customers', { name: 'A', ownerId: 'u' });
		await createRecord(db, 'customers', { name: 'B', ownerId: 'u' });
		await patchRecord(db, 'customers', a.id, { company: 'Acme' });
		expect(await settle(state, 2)).toBe(2);
		expect(await db.customers.count().exec()).toBe(3);

		master.offline = false;
		expect(await settle(state, 0)).toBe(0);
		expect([...new Set(master.pushed.map((d) => d.name))].sort()).toEqual(['A', 'B']);
		expect(master.pushed.filter((d) => d.name === 'A').at(-1)?.company).toBe('Acme');
	});

	it('is the same after a restart (the count comes from stored bookkeeping)', async () => {
		const master = fakeMaster();
		const first = replicate(master);
		await first.startPromise;
		await createRecord(db, 'customers', { name: 'Synced', ownerId: 'u' });
		expect(await settle(first, 0)).toBe(0);
		master.offline = true;
		await createRecord(db, 'customers', { name: 'Waiting', ownerId: 'u' });
		expect(await settle(first, 1)).toBe(1);
		await first.cancel();

		const second = replicate(master);
		await second.startPromise;
		expect(await countWaiting(second)).toBe(1);
		master.offline = false;
		expect(await settle(second, 0)).toBe(0);
		expect(master.pushed.map((d) => d.name)).toEqual(['Synced', 'Waiting']);
	});

	it('tells the writes of a pull and its bookkeeping from writes that can change a count', async () => {
		const master = fakeMaster();
		master.served.push(servedCustomer('0190a000-0000-7000-8000-000000000002', 'Pulled'));
		const docContexts: string[] = [];
		const metaContexts: string[] = [];
		const sub = db.customers.eventBulks$.subscribe((b) => docContexts.push(b.context));
		const state = replicate(master);
		await state.startPromise;
		const metaSub = state
			.metaInstance!.changeStream()
			.subscribe((b) => metaContexts.push(b.context));
		await state.awaitInSync();
		const pulledDocs = [...docContexts];
		const pulledMeta = [...metaContexts];
		await createRecord(db, 'customers', { name: 'Typed', ownerId: 'u' });
		expect(await settle(state, 0)).toBe(0);
		sub.unsubscribe();
		metaSub.unsubscribe();

		expect(pulledDocs.length).toBeGreaterThan(0);
		expect(pulledDocs.filter(canChangeWaiting)).toEqual([]);
		expect(pulledMeta.filter(canChangeWaiting)).toEqual([]);
		// The local write and the pushed state's bookkeeping both count again.
		expect(docContexts.slice(pulledDocs.length).filter(canChangeWaiting).length).toBeGreaterThan(0);
		expect(metaContexts.slice(pulledMeta.length)).toContain('replication-up-write-meta');
		expect(canChangeWaiting('replication-up-write-meta')).toBe(true);
	});
});
