import { describe, expect, it } from 'vitest';
import { activity } from './activity';
import { at, checkIn, customer, dataset, order, service, visit } from './fixtures';

const now = at('2024-05-15T12:00'); // a Wednesday in 2024-W20

const data = dataset({
	customers: [
		customer('a', { ownerId: 'rep1' }),
		customer('b', { ownerId: 'rep1' }),
		customer('c', { ownerId: 'rep2' }),
		customer('d', { ownerId: 'rep2', createdAt: at('2024-05-01T09:00') }),
		customer('e', { ownerId: 'rep2', createdAt: at('2024-01-01T09:00') }),
		customer('f', { ownerId: 'rep2', createdAt: at('2023-01-01T09:00'), _deleted: true })
	],
	visits: [
		visit('v1', 'a', {
			checkIn: checkIn('2024-05-06T10:00'),
			nextFollowUpAt: at('2024-05-14T10:00')
		}),
		visit('v2', 'a', {
			checkIn: checkIn('2024-05-08T10:00'),
			nextFollowUpAt: at('2024-05-20T10:00')
		}),
		visit('v3', 'b', { plannedAt: at('2024-05-13T09:00') }),
		visit('v4', 'c', {
			checkIn: checkIn('2024-04-10T10:00'),
			nextFollowUpAt: at('2024-04-20T10:00')
		}),
		visit('v5', 'c', { plannedAt: at('2024-05-30T10:00'), nextFollowUpAt: at('2024-06-10T10:00') }),
		visit('vx', 'b', { checkIn: checkIn('2024-05-14T10:00'), _deleted: true })
	],
	orders: [order('o1', 'b', '2024-04-01')],
	services: [service('s1', 'c', { openedAt: at('2024-03-01T10:00') })]
});

describe('activity', () => {
	const r = activity(data, { now });

	it('counts visits and check-ins per rep per ISO week', () => {
		expect(r.weeks.map((w) => [w.ownerId, w.week, w.visits, w.checkIns])).toEqual([
			['rep1', '2024-W19', 2, 2], // v1, v2 (May 6–12)
			['rep1', '2024-W20', 1, 0], // v3 planned only
			['rep2', '2024-W15', 1, 1], // v4 (Apr 8–14)
			['rep2', '2024-W22', 1, 0] // v5 (May 27–Jun 2)
		]);
		expect(r.weeks[0].weekStart).toBe(at('2024-05-06T00:00'));
	});

	it('counts open follow-ups due within 7 days and overdue, per rep', () => {
		// v1 answered by v2's check-in; v2 due May 20 (< May 22 noon); v4 overdue; v5 beyond a week
		expect([r.followUpsDue, r.followUpsOverdue]).toEqual([1, 1]);
		expect(r.reps).toEqual([
			{ ownerId: 'rep1', visits: 3, checkIns: 2, followUpsDue: 1, followUpsOverdue: 0 },
			{ ownerId: 'rep2', visits: 2, checkIns: 1, followUpsDue: 0, followUpsOverdue: 1 }
		]);
	});

	it('lists customers not contacted for 30, 60 and 90 days', () => {
		// a: May 8 (7 d); b: order Apr 1 (44.5 d); c: check-in Apr 10 (35 d);
		// d: never, created May 1 (14 d); e: never, created Jan 1 (135 d)
		expect(r.notContacted).toEqual([
			{ days: 30, customerIds: ['b', 'c', 'e'] },
			{ days: 60, customerIds: ['e'] },
			{ days: 90, customerIds: ['e'] }
		]);
	});

	it('applies the date range to the visits counted, not to follow-ups', () => {
		const ranged = activity(data, {
			now,
			filter: { from: at('2024-05-01T00:00'), to: at('2024-05-20T00:00') }
		});
		expect(ranged.weeks.map((w) => w.week)).toEqual(['2024-W19', '2024-W20']);
		expect(ranged.reps[1]).toEqual({
			ownerId: 'rep2',
			visits: 0,
			checkIns: 0,
			followUpsDue: 0,
			followUpsOverdue: 1
		});
	});
});
