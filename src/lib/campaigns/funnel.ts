/**
 * A campaign's funnel and who may still be invited. Counts are customers at the furthest
 * status they reached, cumulative (a converted customer also counts as joined and invited),
 * the same rule as the campaign report in $lib/reports/campaigns.
 */
import type { Participation, ParticipationStatus } from '$lib/domain';

export interface Funnel {
	invited: number;
	joined: number;
	converted: number;
}

const RANK: Record<ParticipationStatus, number> = { invited: 1, joined: 2, converted: 3 };

/** The funnel of every campaign in `participations`, by campaign id. */
export function funnelsByCampaign(participations: readonly Participation[]): Map<string, Funnel> {
	const reached = new Map<string, Map<string, number>>();
	for (const p of participations) {
		if (p._deleted) continue;
		const m = reached.get(p.campaignId) ?? new Map<string, number>();
		m.set(p.customerId, Math.max(m.get(p.customerId) ?? 0, RANK[p.status]));
		reached.set(p.campaignId, m);
	}
	const out = new Map<string, Funnel>();
	for (const [campaignId, m] of reached) {
		const ranks = [...m.values()];
		const count = (r: number) => ranks.filter((x) => x >= r).length;
		out.set(campaignId, { invited: count(1), joined: count(2), converted: count(3) });
	}
	return out;
}

/** The funnel of one campaign (zeros when nobody was invited). */
export function funnelOf(campaignId: string, participations: readonly Participation[]): Funnel {
	return (
		funnelsByCampaign(participations.filter((p) => p.campaignId === campaignId)).get(
			campaignId
		) ?? {
			invited: 0,
			joined: 0,
			converted: 0
		}
	);
}

/** Share of invited customers who reached `n` (0 with nobody invited), for bar widths. */
export function shareOf(n: number, funnel: Funnel): number {
	return funnel.invited ? n / funnel.invited : 0;
}

/**
 * The customers to invite: those chosen, once each, in the order chosen, leaving out
 * anyone already taking part in the campaign (`existing` are its participations).
 */
export function newInvitees(
	chosen: readonly string[],
	existing: readonly Pick<Participation, 'customerId'>[]
): string[] {
	const taken = new Set(existing.map((p) => p.customerId));
	const out: string[] = [];
	for (const id of chosen) {
		if (taken.has(id)) continue;
		taken.add(id);
		out.push(id);
	}
	return out;
}

/** How many participations are at each status now (not cumulative: for filtering a list). */
export function statusCounts(
	participations: readonly Pick<Participation, 'status'>[]
): Record<ParticipationStatus, number> {
	const out: Record<ParticipationStatus, number> = { invited: 0, joined: 0, converted: 0 };
	for (const p of participations) out[p.status]++;
	return out;
}
