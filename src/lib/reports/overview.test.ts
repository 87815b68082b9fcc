import { describe, expect, it } from 'vitest';
import { overview } from './overview';
import { scopeDataset } from './filters';
import { openFollowUps } from './followups';
import { openFollowUpsMemo } from './indexes';
import { at, checkIn, customer, dataset, order, service, visit } from './fixtures';

const now = at('2024-03-15T12:00');
const period = { from: at('2024-03-01T00:00'), to: at('2024-03-15T00:00') };
// The previous period has the same length (14 days): Feb 16 … Mar 1.

const data = dataset({
	customers: [
		customer('a', { stage: 'customer', createdAt: at('2024-03-02T09:00') }),
		customer('b', { stage: 'lead', createdAt: at('2024-02-20T09:00') }),
		customer('c', { stage: 'lead', createdAt: at('2024-03-14T23:00'), ownerId: 'rep2' }),
		customer('x', { stage: 'customer', _deleted: true, createdAt: at('2024-03-02T09:00') })
	],
	orders: [
		order('o1', 'a', '2024-03-01', [['p', 2, 50.5]]), // 101
		order('o2', 'a', '2024-03-14', [['p', 1, 20.25]], { status: 'completed' }), // 20.25
		order('o3', 'a', '2024-03-10', [['p', 1, 999]], { status: 'pending' }), // not revenue
		order('o4', 'b', '2024-02-16', [['p', 3, 10]], { status: 'shipped' }), // 30, previous period
		order('o5', 'b', '2024-02-29', [['p', 1, 10]], { status: 'cancelled' }), // not revenue
		order('o6', 'b', '2024-03-15', [['p', 1, 7]]), // on `to`: excluded
		order('o7', 'x', '2024-03-05', [['p', 1, 500]]) // deleted customer
	],
	services: [
		service('s1', 'a', { status: 'open' }),
		service('s2', 'a', { status: 'in_progress' }),
		service('s3', 'b', { status: 'resolved' }),
		service('s4', 'b', { status: 'open', _deleted: true })
	],
	visits: [
		// a: follow-up due Mar 10, answered by a check-in on Mar 12.
		visit('v1', 'a', {
			checkIn: checkIn('2024-03-05T10:00'),
			nextFollowUpAt: at('2024-03-10T10:00')
		}),
		visit('v2', 'a', { checkIn: checkIn('2024-03-12T10:00') }),
		// b: due Mar 14, nothing after: overdue.
		visit('v3', 'b', {
			checkIn: checkIn('2024-03-07T10:00'),
			nextFollowUpAt: at('2024-03-14T10:00')
		}),
		// c: due Mar 20: not yet overdue.
		visit('v4', 'c', { plannedAt: at('2024-03-13T10:00'), nextFollowUpAt: at('2024-03-20T10:00') })
	]
});

describe('overview', () => {
	it('counts the period, the previous period and the present', () => {
		const r = overview(data, { now, filter: period });
		expect(r.previous).toEqual({
			from: at('2024-03-01T00:00') - (period.to - period.from),
			to: period.from
		});
		expect(r.customers).toBe(3);
		expect(r.byStage).toEqual({ lead: 2, prospect: 0, customer: 1, inactive: 0 });
		// a (Mar 2) and c (Mar 14 23:00) are new; b was created in February.
		expect(r.newCustomers).toBe(2);
		// o1 101 + o2 20.25 = 121.25
		expect(r.revenue).toBe(121.25);
		// o4 = 3 × 10 = 30
		expect(r.previousRevenue).toBe(30);
		// (121.25 − 30) / 30 = 3.041666…
		expect(r.revenueChange).toBeCloseTo(91.25 / 30, 10);
		expect(r.openServices).toBe(2);
		expect(r.overdueFollowUps).toBe(1);
		expect(r.overdueCustomerIds).toEqual(['b']);
	});

	it('narrows to an owner and defaults the period to 30 days before now', () => {
		const r = overview(data, { now, filter: { ownerIds: ['rep2'] } });
		expect(r.period).toEqual({ from: now - 30 * 86_400_000, to: now });
		expect(r.customers).toBe(1);
		expect(r.revenue).toBe(0);
		expect(r.revenueChange).toBeNull();
		expect(r.overdueFollowUps).toBe(0);
	});
});

describe('overview revenue', () => {
	it('adds amounts that are not whole cents in order, and rounds the sum', () => {
		const orders = [
			order('o1', 'a', '2024-03-02', [['p', 1, 0.1]]),
			order('o2', 'a', '2024-03-03', [['p', 1, 0.2]]),
			// 0.0049 is not whole cents: the period is added in order (0.1 + 0.2 + 0.0049).
			{ ...order('o3', 'a', '2024-03-04'), amount: 0.0049 },
			// The previous period: 0.1 + 10.05, whole cents.
			order('o4', 'a', '2024-02-20', [['p', 1, 0.1]]),
			order('o5', 'a', '2024-02-21', [['p', 1, 10.05]])
		];
		const r = overview(dataset({ customers: [customer('a')], orders }), { now, filter: period });
		// 0.3049000000000000 rounds to 0.3
		expect(r.revenue).toBe(0.3);
		expect(r.previousRevenue).toBe(10.15);
	});
});

describe('openFollowUps', () => {
	it('keeps a follow-up until a later check-in, even one before the due date', () => {
		const open = openFollowUps(data.visits);
		expect(open.map((f) => f.visitId)).toEqual(['v3', 'v4']);
	});

	it('are what the reports count: the same due times, each by its customer in the scope', () => {
		const d = scopeDataset(data, {});
		const memo = openFollowUpsMemo(d.visits);
		const expected = openFollowUps(d.visits)
			.map((f) => `${f.dueAt} ${d.customers.findIndex((c) => c.id === f.customerId)}`)
			.sort();
		const got = [...memo.dueAt].map((t, j) => `${t} ${memo.at[j]}`).sort();
		expect(got).toEqual(expected);
		expect(got.length).toBe(2);
	});
});
