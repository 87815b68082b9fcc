import { describe, expect, it } from 'vitest';
import { campaignsReport } from './campaigns';
import { at, campaign, customer, dataset, sale, participation } from './fixtures';

// spring: Mar 1 10:00 … Mar 31 18:00; orders count from Mar 1 through Apr 30 18:00 (+30 days).
const data = dataset({
	customers: ['a', 'b', 'c', 'd', 'e'].map((id) => customer(id)),
	campaigns: [
		campaign('spring', {
			startsAt: at('2024-03-01T10:00'),
			endsAt: at('2024-03-31T18:00'),
			budget: 300
		}),
		campaign('summer', { startsAt: at('2024-07-01T00:00'), endsAt: at('2024-07-31T00:00') }),
		campaign('gone', { _deleted: true })
	],
	participations: [
		participation('p1', 'spring', 'a', 'converted'),
		participation('p2', 'spring', 'b', 'converted'),
		participation('p3', 'spring', 'c', 'joined'),
		participation('p4', 'spring', 'd', 'invited'),
		// d also has a later, further participation in the same campaign: counts once, as joined
		participation('p5', 'spring', 'd', 'joined'),
		participation('p6', 'spring', 'e', 'converted', { _deleted: true }),
		participation('p7', 'summer', 'a', 'invited')
	],
	orders: [
		sale('o1', 'a', '2024-03-01', 100), // first day, before 10:00 by date: counts
		sale('o2', 'a', '2024-04-30', 40), // day 30 after the end: counts
		sale('o3', 'a', '2024-05-01', 1000), // too late
		sale('o4', 'b', '2024-02-29', 1000), // too early
		sale('o5', 'b', '2024-03-15', 60, 'pending'), // not revenue
		sale('o6', 'c', '2024-03-15', 500) // c only joined
	]
});

describe('campaignsReport', () => {
	const [spring, summer] = campaignsReport(data);

	it('counts a funnel of customers at their furthest status', () => {
		expect(campaignsReport(data)).toHaveLength(2);
		// converted a, b; joined c, d (+ a, b); invited all four
		expect([spring.invited, spring.joined, spring.converted]).toEqual([4, 4, 2]);
		expect([spring.joinRate, spring.conversionRate]).toEqual([1, 0.5]);
		expect(spring.convertedCustomerIds).toEqual(['a', 'b']);
		expect([summer.invited, summer.joined, summer.converted]).toEqual([1, 0, 0]);
	});

	it('adds converts’ revenue orders in the attribution window', () => {
		// o1 100 + o2 40
		expect(spring.revenue).toBe(140);
		expect(summer.revenue).toBe(0);
	});

	it('divides the budget by conversions', () => {
		// 300 / 2
		expect(spring.costPerConversion).toBe(150);
		expect(summer.costPerConversion).toBeNull();
	});

	it('keeps campaigns overlapping the range, counting orders by campaign window', () => {
		const r = campaignsReport(data, {
			filter: { from: at('2024-03-20T00:00'), to: at('2024-04-01T00:00') }
		});
		expect(r.map((c) => [c.campaignId, c.revenue])).toEqual([['spring', 140]]);
	});

	it('narrows the window with attributionDays', () => {
		expect(campaignsReport(data, { attributionDays: 0 })[0].revenue).toBe(100);
	});

	it('adds an order to every campaign that converted its customer, customers in id order', () => {
		const twice = dataset({
			customers: ['b', 'a', 'c'].map((id) => customer(id)),
			campaigns: [
				campaign('march', { startsAt: at('2024-03-01T00:00'), endsAt: at('2024-03-31T00:00') }),
				campaign('april', { startsAt: at('2024-04-01T00:00'), endsAt: at('2024-04-30T00:00') })
			],
			participations: [
				participation('p1', 'march', 'b', 'converted'),
				participation('p2', 'march', 'a', 'converted'),
				participation('p3', 'april', 'a', 'converted'),
				participation('p4', 'april', 'c', 'joined')
			],
			orders: [
				sale('o1', 'a', '2024-04-10', 10.1), // both windows (march's runs to Apr 30)
				sale('o2', 'b', '2024-03-10', 0.2), // march only
				sale('o3', 'c', '2024-04-10', 500), // c only joined april
				sale('o4', 'a', '2024-02-10', 7) // before both
			]
		});
		const [march, april] = campaignsReport(twice);
		expect(march.convertedCustomerIds).toEqual(['a', 'b']);
		// a's 10.1, then b's 0.2
		expect(march.revenue).toBe(10.3);
		expect(april.convertedCustomerIds).toEqual(['a']);
		expect(april.revenue).toBe(10.1);
	});
});
