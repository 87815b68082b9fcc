import { describe, expect, it } from 'vitest';
import {
	addConflictNotes,
	describeSyncError,
	notesFor,
	readRemembered,
	recordPage,
	totalWaiting
} from './status-model';

describe('sync status rules', () => {
	it('adds up waiting changes', () => {
		expect(totalWaiting({})).toBe(0);
		expect(totalWaiting({ customers: 2, orders: 3 })).toBe(5);
	});

	it('reads what was remembered and survives garbage', () => {
		const r = readRemembered(
			JSON.stringify({ lastSyncAt: 5, waiting: { customers: 1 }, conflicts: [] })
		);
		expect(r).toEqual({ lastSyncAt: 5, waiting: { customers: 1 }, conflicts: [] });
		expect(readRemembered('nope')).toEqual({ waiting: {}, conflicts: [] });
		expect(readRemembered(JSON.stringify({ waiting: { nonsense: 3 } }))).toEqual({
			waiting: {},
			conflicts: []
		});
	});

	it('lists server-answered records once each, newest first, capped', () => {
		const first = notesFor('customers', [{ id: 'a', name: ' Zhang ' }, { nope: 1 }], 1);
		expect(first).toEqual([
			{
				collection: 'customers',
				id: 'a',
				at: 1,
				label: 'Zhang',
				removed: undefined,
				customerId: undefined
			}
		]);
		const again = notesFor('customers', [{ id: 'a', name: 'Zhang', _deleted: true }], 2);
		const list = addConflictNotes(first, again);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ at: 2, removed: true });
		const many = notesFor(
			'orders',
			Array.from({ length: 5 }, (_, i) => ({ id: 'o' + i, orderNo: 'N' + i, customerId: 'c' })),
			3
		);
		expect(addConflictNotes(list, many, 4)).toHaveLength(4);
	});

	it('finds the page of a record', () => {
		expect(recordPage({ collection: 'customers', id: 'c1' })).toEqual({
			route: '/customers/[id]',
			id: 'c1'
		});
		expect(recordPage({ collection: 'orders', id: 'o1', customerId: 'c1' })).toEqual({
			route: '/customers/[id]',
			id: 'c1'
		});
		expect(recordPage({ collection: 'orders', id: 'o1' })).toBeUndefined();
		expect(recordPage({ collection: 'campaigns', id: 'k' })).toEqual({
			route: '/campaigns/[id]',
			id: 'k'
		});
	});

	it('says what a replication error means', () => {
		const pull = {
			code: 'RC_PULL',
			parameters: { errors: [{ message: 'GET /api/sync/customers/pull answered 503: {}' }] }
		};
		expect(describeSyncError(pull, true, 1).key).toBe('sync.err.server');
		const net = {
			code: 'RC_PUSH',
			parameters: { errors: [{ message: 'Network error: Failed to fetch' }] }
		};
		expect(describeSyncError(net, true, 1).key).toBe('sync.err.network');
		expect(
			describeSyncError({ code: 'RC_PUSH', parameters: { errors: [{ message: 'x' }] } }, false, 1)
				.key
		).toBe('sync.err.network');
		const bad = {
			code: 'RC_PUSH',
			parameters: { errors: [{ message: 'POST /api/sync/orders/push answered 400: bad' }] }
		};
		expect(describeSyncError(bad, true, 1)).toMatchObject({
			key: 'sync.err.refused',
			detail: expect.stringContaining('400')
		});
		expect(
			describeSyncError({ code: 'RC_PUSH', parameters: { errors: [{ message: 'x' }] } }, true, 1)
				.key
		).toBe('sync.err.push');
		expect(describeSyncError(new Error('odd'), true, 1).key).toBe('sync.err.unknown');
	});
});
