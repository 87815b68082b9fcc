/**
 * The fixed choices of the records (stages, grades, statuses, types), without zod, so
 * pages that only list or filter by them do not load the record schemas. The schema
 * modules (`customer.ts`, `order.ts`, …) re-export them.
 */
export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export const STAGES = ['lead', 'prospect', 'customer', 'inactive'] as const;
export const GRADES = ['a', 'b', 'c', 'd'] as const;
export const SOURCES = [
	'referral',
	'walk_in',
	'campaign',
	'website',
	'cold_call',
	'exhibition',
	'other'
] as const;

export type Stage = (typeof STAGES)[number];
export type Grade = (typeof GRADES)[number];
export type Source = (typeof SOURCES)[number];

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses whose orders count as revenue. */
export const REVENUE_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'completed'];

export const SERVICE_TYPES = [
	'consultation',
	'after_sales',
	'complaint',
	'repair',
	'other'
] as const;
export const SERVICE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const CAMPAIGN_TYPES = ['discount', 'gift', 'event', 'email', 'other'] as const;
export const PARTICIPATION_STATUSES = ['invited', 'joined', 'converted'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];
