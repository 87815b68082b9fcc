import { describe, expect, it } from 'vitest';
import { campaignSchema } from '$lib/domain';
import { campaignInput, campaignToForm, emptyCampaignForm, formErrors } from './form';

describe('campaign form', () => {
	it('maps dates to the first and last moment of the local days, and back', () => {
		const input = campaignInput({
			name: 'Tea',
			type: 'gift',
			starts: '2026-11-01',
			ends: '2026-11-30',
			budget: '1,200.50'
		});
		expect(input.startsAt).toBe(new Date(2026, 10, 1).getTime());
		expect(input.endsAt).toBe(new Date(2026, 11, 1).getTime() - 1);
		expect(input.budget).toBe(1200.5);
		const c = campaignSchema.parse({
			...input,
			id: '00000000-0000-4000-8000-000000000001',
			updatedAt: 1
		});
		expect(campaignToForm(c)).toEqual({
			name: 'Tea',
			type: 'gift',
			starts: '2026-11-01',
			ends: '2026-11-30',
			budget: '1200.5'
		});
	});

	it('leaves out an empty budget and words missing dates as required', () => {
		const form = { ...emptyCampaignForm(), starts: '', budget: ' ' };
		expect(campaignInput(form).budget).toBeUndefined();
		expect(campaignInput(form).startsAt).toBeUndefined();
		expect(formErrors(form, { startsAt: 'err.number', name: 'err.required' })).toEqual({
			startsAt: 'err.required',
			name: 'err.required'
		});
	});
});
