/**
 * Realistic demo data for trying Fieldbook and for benchmarks: a pure function of its
 * options (same seed, same records), every record valid under the domain's zod schemas.
 */
import type { RecordTypes } from '$lib/domain/collections';
import { createRandom } from './random';
import { demoCustomer } from './people';
import { demoCampaign, demoOrder, demoParticipation, demoService, demoVisit } from './activity';

export type DemoData = { [C in keyof RecordTypes]: RecordTypes[C][] };

export interface DemoOptions {
	customers: number;
	seed?: number;
	/** Owners to spread customers across (default: the device's `local` user). */
	ownerIds?: readonly string[];
	/** "Now" for the data set, epoch ms (default: Date.now()). */
	now?: number;
	/** Child records per customer on average (defaults below); 0 leaves a collection empty. */
	perCustomer?: Partial<Record<'orders' | 'services' | 'visits' | 'participations', number>>;
	/** How many campaigns (default: one per 500 customers, 2 to 24). */
	campaigns?: number;
}

export const DEFAULT_PER_CUSTOMER = { orders: 2, services: 0.5, visits: 1, participations: 0.6 };
const THREE_YEARS = 3 * 365 * 86_400_000;

/** A count around `mean` (0 … 2·mean), so customers differ. */
function around(next: () => number, mean: number): number {
	return Math.floor(next() * (2 * mean + 1));
}

export function generateDemoData(opts: DemoOptions): DemoData {
	const rng = createRandom(opts.seed ?? 1);
	const now = opts.now ?? Date.now();
	const ownerIds = opts.ownerIds?.length ? opts.ownerIds : ['local'];
	const per = { ...DEFAULT_PER_CUSTOMER, ...opts.perCustomer };
	const ctx = { ownerIds, now, history: THREE_YEARS };

	const customers = Array.from({ length: opts.customers }, (_, i) => demoCustomer(rng, ctx, i));
	const campaignCount =
		opts.campaigns ?? Math.min(24, Math.max(2, Math.ceil(opts.customers / 500)));
	const campaigns =
		per.participations > 0 || opts.campaigns
			? Array.from({ length: campaignCount }, (_, i) => demoCampaign(rng, now, i))
			: [];

	const data: DemoData = {
		customers,
		orders: [],
		services: [],
		visits: [],
		campaigns,
		participations: []
	};
	let orderSeq = 0;
	for (const customer of customers) {
		for (let i = around(rng.next, per.orders); i > 0; i--)
			data.orders.push(demoOrder(rng, customer, now, ++orderSeq));
		for (let i = around(rng.next, per.services); i > 0; i--)
			data.services.push(demoService(rng, customer, now));
		for (let i = around(rng.next, per.visits); i > 0; i--)
			data.visits.push(demoVisit(rng, customer, now));
		if (!campaigns.length) continue;
		const joined = rng.some(
			campaigns,
			Math.min(campaigns.length, around(rng.next, per.participations))
		);
		for (const campaign of joined)
			data.participations.push(demoParticipation(rng, campaign, customer, now));
	}
	return data;
}
