/** Campaign effectiveness: invited → joined → converted, revenue from converts, cost per conversion. */
import { addDays, startOfDay } from 'date-fns';
import { roundMoney, type Participation } from '../domain';
import type { Dataset } from './dataset';
import {
	campaignCodesOf,
	customerIds,
	customerPositions,
	idOrder,
	orderLines,
	participationColumns,
	rawRows,
	revenueByCustomer
} from './indexes';
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
	const campaigns = [...d.campaigns].sort(
		(a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : 1)
	);
	// Participations grouped by campaign (in their order), by the campaign's place in the list.
	const parts = d.participations;
	const at = customerPositions(parts)!;
	const partRows = rawRows(parts);
	const { campaign, status } = participationColumns(partRows.raw);
	const campaignOf = placesInList(
		campaigns.map((c) => c.id),
		parts,
		campaign,
		partRows.row
	);
	const start = new Int32Array(campaigns.length + 1);
	for (let i = 0; i < parts.length; i++) if (campaignOf[i] >= 0) start[campaignOf[i] + 1]++;
	for (let x = 0; x < campaigns.length; x++) start[x + 1] += start[x];
	const fill = start.slice(0, campaigns.length);
	const byCampaign = new Int32Array(start[campaigns.length]);
	for (let i = 0; i < parts.length; i++)
		if (campaignOf[i] >= 0) byCampaign[fill[campaignOf[i]]++] = i;
	// Each customer's furthest status in the campaign at hand (an unknown status poisons it: NaN).
	const stamp = new Int32Array(scope.customers.length).fill(-1);
	const reached = new Float64Array(scope.customers.length);
	const scopedOrders = scope.orders;
	const ordersOf = revenueByCustomer(scopedOrders);
	const { row, amount, day } = orderLines(scopedOrders);
	const { rank } = idOrder(scope.customers);
	const ids = customerIds(scope.customers);
	return campaigns.map((c, x) => {
		const members: number[] = [];
		for (let j = start[x]; j < start[x + 1]; j++) {
			const i = byCampaign[j];
			const k = at[i];
			// An unknown status poisons the customer's furthest status (NaN).
			const r = status[partRows.row[i]] || NaN;
			if (stamp[k] !== x) {
				stamp[k] = x;
				members.push(k);
				reached[k] = Math.max(0, r);
			} else reached[k] = Math.max(reached[k], r);
		}
		const count = (min: number) => {
			let n = 0;
			for (const k of members) if (reached[k] >= min) n++;
			return n;
		};
		// Converted customers in id order (sums add up in that order).
		const convertedAt = members.filter((k) => reached[k] === 3).sort((a, b) => rank[a] - rank[b]);
		const convertedCustomerIds = convertedAt.map((k) => ids[k]);
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

/**
 * For each participation, the place in `ids` of its campaign (the last place when an id
 * repeats, −1 when absent), from the campaign codes of its raw row.
 */
function placesInList(
	ids: readonly string[],
	parts: readonly Participation[],
	campaign: Int32Array,
	row: Int32Array
): Int32Array {
	const out = new Int32Array(parts.length);
	const codes = campaignCodesOf(ids);
	if (!codes) {
		// An id that is not a string: compare the records' ids as a Map would.
		const codeOf = new Map<unknown, number>();
		ids.forEach((id, x) => codeOf.set(id, x));
		for (let i = 0; i < parts.length; i++) out[i] = codeOf.get(parts[i].campaignId) ?? -1;
		return out;
	}
	let most = -1;
	for (const c of codes) most = Math.max(most, c);
	const place = new Int32Array(most + 1).fill(-1);
	codes.forEach((c, x) => {
		if (c >= 0) place[c] = x;
	});
	for (let i = 0; i < parts.length; i++) {
		const c = campaign[row[i]];
		out[i] = c >= 0 && c <= most ? place[c] : -1;
	}
	return out;
}
