/** Campaigns (discounts, gifts, events…) and which customers took part in them. */
import { z } from 'zod';
import { baseFields, money, moment, uuid } from './common';
import { CAMPAIGN_TYPES, PARTICIPATION_STATUSES } from './choices';

export { CAMPAIGN_TYPES, PARTICIPATION_STATUSES };
export type { CampaignType, ParticipationStatus } from './choices';

export const campaignFields = z.object({
	...baseFields,
	name: z.string('err.required').trim().min(1, 'err.required').max(120, 'err.tooLong'),
	type: z.enum(CAMPAIGN_TYPES, 'err.choice'),
	startsAt: moment,
	endsAt: moment,
	budget: money.optional()
});

export const campaignSchema = campaignFields.refine((c) => c.endsAt >= c.startsAt, {
	message: 'err.endsBeforeStarts',
	path: ['endsAt']
});

export const participationSchema = z.object({
	...baseFields,
	campaignId: uuid,
	customerId: uuid,
	status: z.enum(PARTICIPATION_STATUSES, 'err.choice').default('invited'),
	at: moment
});

export type Campaign = z.output<typeof campaignSchema>;
export type CampaignInput = z.input<typeof campaignSchema>;
export type Participation = z.output<typeof participationSchema>;
export type ParticipationInput = z.input<typeof participationSchema>;
