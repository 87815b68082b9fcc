import { describe, expect, it } from 'vitest';
import { campaignSchema, participationSchema } from './campaign';
import { AT, base, CUSTOMER_ID, ID, issuesOf } from './test-records';

const campaign = {
	...base,
	name: ' Spring tea fair ',
	type: 'event',
	startsAt: AT,
	endsAt: AT + 7 * 86_400_000,
	budget: 5000.5
};

describe('campaignSchema', () => {
	it('accepts a campaign and trims its name', () => {
		expect(campaignSchema.parse(campaign).name).toBe('Spring tea fair');
	});

	it('refuses an end before the start', () => {
		expect(issuesOf(campaignSchema.safeParse({ ...campaign, endsAt: AT - 1 }))).toEqual([
			'endsAt: err.endsBeforeStarts'
		]);
		expect(campaignSchema.safeParse({ ...campaign, endsAt: AT }).success).toBe(true);
	});

	it('takes a money budget and the listed types', () => {
		expect(issuesOf(campaignSchema.safeParse({ ...campaign, budget: 10.001 }))).toEqual([
			'budget: err.twoDecimals'
		]);
		expect(issuesOf(campaignSchema.safeParse({ ...campaign, budget: -5 }))).toEqual([
			'budget: err.nonNegative'
		]);
		expect(issuesOf(campaignSchema.safeParse({ ...campaign, type: 'sale' }))).toEqual([
			'type: err.choice'
		]);
		expect(issuesOf(campaignSchema.safeParse({ ...campaign, name: '' }))).toEqual([
			'name: err.required'
		]);
	});
});

describe('participationSchema', () => {
	const participation = { ...base, campaignId: ID, customerId: CUSTOMER_ID, at: AT };

	it('defaults to invited and takes the listed statuses', () => {
		expect(participationSchema.parse(participation).status).toBe('invited');
		expect(participationSchema.safeParse({ ...participation, status: 'converted' }).success).toBe(
			true
		);
		expect(issuesOf(participationSchema.safeParse({ ...participation, status: 'won' }))).toEqual([
			'status: err.choice'
		]);
	});

	it('needs UUIDs for the campaign and the customer', () => {
		expect(issuesOf(participationSchema.safeParse({ ...participation, campaignId: 'x' }))).toEqual([
			'campaignId: err.uuid'
		]);
	});
});
