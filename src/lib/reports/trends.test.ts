import { describe, expect, it } from 'vitest';
import { trends } from './trends';
import { yearBefore, bucketAt } from './timeline';
import { at, customer, dataset, sale } from './fixtures';

const data = dataset({
	customers: [
		customer('a', { createdAt: at('2024-01-15T10:00') }),
		customer('b', { createdAt: at('2024-03-31T23:30') }),
		customer('c', { createdAt: at('2023-03-10T10:00') }),
		customer('d', { createdAt: at('2023-12-31T23:59') }),
		customer('e', { createdAt: at('2024-02-02T10:00'), _deleted: true })
	],
	orders: [
		sale('o1', 'a', '2024-01-31', 100),
		sale('o2', 'a', '2024-02-01', 50, 'shipped'),
		sale('o3', 'a', '2024-02-29', 25.5, 'completed'),
		sale('o4', 'a', '2024-02-10', 1000, 'cancelled'),
		sale('o5', 'a', '2023-02-28', 40),
		sale('o6', 'a', '2023-01-01', 10),
		sale('o7', 'a', '2024-04-01', 60),
		sale('o8', 'a', '2024-01-07', 10),
		sale('o9', 'a', '2024-01-08', 20),
		sale('o10', 'a', '2023-01-02', 7)
	]
});
const now = at('2024-06-15T12:00');

describe('trends', () => {
	it('counts months with the same month last year', () => {
		const r = trends(data, {
			now,
			filter: { from: at('2024-01-01T00:00'), to: at('2024-04-01T00:00') }
		});
		expect(
			r.buckets.map((b) => [
				b.key,
				b.newCustomers,
				b.orders,
				b.revenue,
				b.lastYear.key,
				b.lastYear.newCustomers,
				b.lastYear.revenue
			])
		).toEqual([
			// o1 100 + o8 10 + o9 20 = 130; last January: o6 10 + o10 7 = 17
			['2024-01', 1, 3, 130, '2023-01', 0, 17],
			// o2 50 + o3 25.5 = 75.5 (o4 cancelled); last February: o5 40
			['2024-02', 0, 2, 75.5, '2023-02', 0, 40],
			// b at 23:30 on the 31st; last March: c
			['2024-03', 1, 0, 0, '2023-03', 1, 0]
		]);
	});

	it('counts ISO weeks against the same week number last year', () => {
		const r = trends(data, {
			now,
			granularity: 'week',
			filter: { from: at('2024-01-01T00:00'), to: at('2024-01-15T00:00') }
		});
		expect(
			r.buckets.map((b) => [b.key, b.revenue, b.lastYear.key, b.lastYear.start, b.lastYear.revenue])
		).toEqual([
			// W01 = Mon Jan 1 … Sun Jan 7 (o8 10); 2023-W01 = Mon Jan 2 2023 … (o10 7; o6 on Jan 1 2023 is 2022-W52)
			['2024-W01', 10, '2023-W01', at('2023-01-02T00:00'), 7],
			['2024-W02', 20, '2023-W02', at('2023-01-09T00:00'), 0]
		]);
	});

	it('defaults to the 12 months up to now', () => {
		const keys = trends(data, { now }).buckets.map((b) => b.key);
		expect(keys).toHaveLength(12);
		expect([keys[0], keys[11]]).toEqual(['2023-07', '2024-06']);
	});

	it('maps week 53 to the week after last year’s week 52', () => {
		// 2020 has 53 ISO weeks, 2019 only 52: 2020-W53 (Mon Dec 28 2020) → Mon Dec 30 2019 = 2020-W01
		const ly = yearBefore(bucketAt(at('2020-12-28T00:00'), 'week'), 'week');
		expect([ly.key, ly.start]).toEqual(['2020-W01', at('2019-12-30T00:00')]);
	});
});
