import { describe, expect, it } from 'vitest';
import { activity, weekCodes } from './activity';
import { bucketStart } from './timeline';
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

describe('visits per rep and week with many reps and weeks', () => {
	it('counts each owner’s weeks as a plain grouping does', () => {
		let state = 9;
		const rand = (n: number) => {
			state = (Math.imul(state, 1103515245) + 12345) >>> 0;
			return (state >>> 8) % n;
		};
		// 1,100 owners × 1,000 weeks: more cells than are laid out owner by week.
		const customers = Array.from({ length: 1100 }, (_, i) =>
			customer(`c${i}`, { ownerId: `rep${String(i).padStart(4, '0')}` })
		);
		const start = at('2005-01-03T10:00');
		const visits = Array.from({ length: 3000 }, (_, i) => {
			const t = start + (i % 1000) * 7 * 86_400_000;
			const fields = rand(2)
				? { checkIn: { at: t, lat: 0, lng: 0, accuracy: 1 } }
				: { plannedAt: t };
			return visit(`v${i}`, `c${rand(1100)}`, fields);
		});
		const weeks = activity(dataset({ customers, visits }), { now: start }).weeks;
		const expected = new Map<string, { visits: number; checkIns: number }>();
		for (const v of visits) {
			const ownerId = customers[Number(v.customerId.slice(1))].ownerId;
			const weekStart = bucketStart((v.checkIn?.at ?? v.plannedAt)!, 'week');
			const key = `${ownerId} ${weekStart}`;
			const e = expected.get(key) ?? { visits: 0, checkIns: 0 };
			e.visits++;
			if (v.checkIn) e.checkIns++;
			expected.set(key, e);
		}
		expect(weeks.length).toBe(expected.size);
		expect(weeks.map((w) => [`${w.ownerId} ${w.weekStart}`, w.visits, w.checkIns])).toEqual(
			[...expected]
				.sort(([a], [b]) => {
					const [ra, ta] = a.split(' ');
					const [rb, tb] = b.split(' ');
					return ra < rb ? -1 : ra > rb ? 1 : Number(ta) - Number(tb);
				})
				.map(([key, e]) => [key, e.visits, e.checkIns])
		);
	});
});

describe('week codes', () => {
	it('give each visit its week as bucketStart does, where a UTC day spans two weeks too', () => {
		const zone = process.env.TZ;
		try {
			for (const tz of ['UTC', 'Asia/Shanghai', 'America/Sao_Paulo', 'America/St_Johns']) {
				process.env.TZ = tz;
				// Every half hour over three weeks, around DST changes made at midnight (Brazil).
				// NaN and Infinity first; last, a visit 30 years later (outside the days kept).
				const times: number[] = [NaN, Infinity];
				for (const start of ['2024-03-01T00:00Z', '2018-11-01T00:00Z', '2019-02-13T00:00Z'])
					for (let h = 0; h < 2 * 24 * 21; h++) times.push(Date.parse(start) + h * 1_800_000 + 17);
				times.push(Date.parse('2054-03-06T00:00Z'));
				const { codes, starts } = weekCodes(
					Float64Array.from(times),
					Int32Array.from(times.keys())
				);
				expect(times.map((_, i) => starts[codes[i]])).toEqual(
					times.map((t) => bucketStart(t, 'week'))
				);
			}
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
	});
});
