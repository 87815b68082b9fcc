/** Campaign effectiveness: invited → joined → converted, revenue from converts, cost per conversion. */
import { addDays, startOfDay } from 'date-fns';
import { roundMoney, type ParticipationStatus } from '../domain';
import type { Dataset } from './dataset';
import { customerPositions, idOrder, orderLines, revenueByCustomer } from './indexes';
import { applyFilter, scopeDataset, type ReportFilter } from './filters';

export interface CampaignsParams {
	filter?: ReportFilter;
	/** Days after a campaign ends during which a convert's orders still count (default 30). */
	attributionDays?: number;
}

export interface CampaignResult {
	campaignId: string;
	name: string;
	type: string;
	startsAt: number;
	endsAt: number;
	invited: number;
	joined: number;
	converted: number;
	/** joined / invited and converted / invited; null when nobody was invited. */
	joinRate: number | null;
	conversionRate: number | null;
	revenue: number;
	budget: number | null;
	/** budget / converted; null without a budget or a conversion. */
	costPerConversion: number | null;
	convertedCustomerIds: string[];
}

const RANK: Record<ParticipationStatus, number> = { invited: 1, joined: 2, converted: 3 };

/**
 * Funnel counts are customers, each at the furthest status any of their participations
 * reached: a converted customer counts as joined and invited too, a joined one as invited.
 * Revenue sums the revenue orders of converted customers dated from the campaign's first
 * day (local) through `attributionDays` after `endsAt`; a customer converted by two
 * campaigns adds the same order to both. Campaigns shown are those overlapping the date
 * range; orders count by the campaign's own window, not by the range.
 */
export function campaignsReport(
	data: Dataset,
	{ filter = {}, attributionDays = 30 }: CampaignsParams = {}
): CampaignResult[] {
	const d = applyFilter(data, filter);
	const scope = scopeDataset(data, filter);
	// Each customer's furthest status per campaign, by the customer's position in the scope.
	const reached = new Map<string, Map<number, number>>();
	const at = customerPositions(d.participations)!;
	d.participations.forEach((p, i) => {
		let m = reached.get(p.campaignId);
		if (!m) reached.set(p.campaignId, (m = new Map()));
		m.set(at[i], Math.max(m.get(at[i]) ?? 0, RANK[p.status]));
	});
	const scopedOrders = scope.orders;
	const ordersOf = revenueByCustomer(scopedOrders);
	const { row, amount, day } = orderLines(scopedOrders);
	const { rank } = idOrder(scope.customers);
	return [...d.campaigns]
		.sort((a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : 1))
		.map((c) => {
			const statuses = reached.get(c.id) ?? new Map<number, number>();
			const count = (min: number) => {
				let n = 0;
				for (const r of statuses.values()) if (r >= min) n++;
				return n;
			};
			// Converted customers in id order (sums add up in that order).
			const convertedAt: number[] = [];
			for (const [k, r] of statuses) if (r === 3) convertedAt.push(k);
			convertedAt.sort((a, b) => rank[a] - rank[b]);
			const convertedCustomerIds = convertedAt.map((k) => scope.customers[k].id);
			const first = startOfDay(c.startsAt).getTime();
			const last = addDays(c.endsAt, attributionDays).getTime();
			let revenue = 0;
			for (const k of convertedAt) {
				if (k + 1 >= ordersOf.start.length) continue;
				for (let j = ordersOf.start[k]; j < ordersOf.start[k + 1]; j++) {
					const i = ordersOf.list[j];
					const t = day[row[i]];
					if (t >= first && t <= last) revenue += amount[row[i]];
				}
			}
			const [invited, joined, converted] = [count(1), count(2), count(3)];
			const budget = c.budget ?? null;
			return {
				campaignId: c.id,
				name: c.name,
				type: c.type,
				startsAt: c.startsAt,
				endsAt: c.endsAt,
				invited,
				joined,
				converted,
				joinRate: invited ? joined / invited : null,
				conversionRate: invited ? converted / invited : null,
				revenue: roundMoney(revenue),
				budget,
				costPerConversion: budget !== null && converted ? roundMoney(budget / converted) : null,
				convertedCustomerIds
			};
		});
}
