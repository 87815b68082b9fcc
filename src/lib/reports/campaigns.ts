/** Campaign effectiveness: invited → joined → converted, revenue from converts, cost per conversion. */
import { addDays, startOfDay } from 'date-fns';
import { roundMoney, type Order, type Participation } from '../domain';
import type { Dataset } from './dataset';
import {
	campaignCodesOf,
	customerIds,
	customerPositions,
	idOrder,
	orderLines,
	participationColumns,
	rawRows,
	revenueIndexes
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
	const { rank, order } = idOrder(scope.customers);
	const ids = customerIds(scope.customers);
	const funnels = campaigns.map((_, x) => {
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
		let invited = 0;
		let joined = 0;
		let converted = 0;
		for (const k of members) {
			if (reached[k] >= 1) invited++;
			if (reached[k] >= 2) joined++;
			if (reached[k] >= 3) converted++;
		}
		// Converted customers in id order, by their ranks (distinct) sorted as numbers.
		const ranks = new Int32Array(converted);
		for (let m = 0, w = 0; m < members.length; m++) {
			if (reached[members[m]] === 3) ranks[w++] = rank[members[m]];
		}
		ranks.sort();
		const convertedAt = new Int32Array(converted);
		for (let m = 0; m < converted; m++) convertedAt[m] = order[ranks[m]];
		return { invited, joined, converted, convertedAt };
	});
	const revenue = convertedRevenue(
		scope.orders,
		campaigns.map((c) => [
			startOfDay(c.startsAt).getTime(),
			addDays(c.endsAt, attributionDays).getTime()
		]),
		funnels.map((f) => f.convertedAt),
		scope.customers.length
	);
	return campaigns.map((c, x) => {
		const { invited, joined, converted, convertedAt } = funnels[x];
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
			revenue: roundMoney(revenue[x]),
			budget,
			costPerConversion: budget !== null && converted ? roundMoney(budget / converted) : null,
			convertedCustomerIds: idsAt(ids, convertedAt)
		};
	});
}

/** The ids at these positions, in their order. */
function idsAt(ids: readonly string[], at: Int32Array): string[] {
	const out: string[] = new Array(at.length);
	for (let m = 0; m < at.length; m++) out[m] = ids[at[m]];
	return out;
}

/**
 * Each campaign's revenue: the amounts of its converted customers' (`converted[x]`, scope
 * positions in id order) revenue orders dated in its window (`windows[x]`, both ends
 * included), added customer by customer in that order and each customer's orders in
 * order. The revenue orders are read once, in order (not customer by customer, which
 * jumps around the order columns): each in-window amount is chained to its (campaign,
 * customer) pair, then the chains are summed in the order above.
 */
function convertedRevenue(
	orders: readonly Order[],
	windows: readonly [number, number][],
	converted: readonly Int32Array[],
	customers: number
): Float64Array {
	const pairs = pairsOf(converted, customers);
	const chains = amountsInWindow(
		orders,
		pairs,
		Float64Array.from(windows, (w) => w[0]),
		Float64Array.from(windows, (w) => w[1])
	);
	const sums = new Float64Array(converted.length);
	for (let p = 0; p < pairs.campaign.length; p++) {
		let sum = sums[pairs.campaign[p]];
		for (let e = chains.head[p]; e >= 0; e = chains.next[e]) sum += chains.amounts[e];
		sums[pairs.campaign[p]] = sum;
	}
	return sums;
}

/**
 * (campaign, converted customer) pairs, numbered campaign by campaign in id order: each
 * pair's campaign, and each customer's pairs as a chain (first pair by customer position,
 * the next by pair). Each loop of this work is a function of its own: a first round runs
 * them before they are optimised, and a small function is optimised sooner.
 */
interface Pairs {
	campaign: Int32Array;
	firstOf: Int32Array;
	nextOfCustomer: Int32Array;
}
function pairsOf(converted: readonly Int32Array[], customers: number): Pairs {
	let count = 0;
	for (const list of converted) count += list.length;
	const pairs = {
		campaign: new Int32Array(count),
		firstOf: new Int32Array(customers).fill(-1),
		nextOfCustomer: new Int32Array(count)
	};
	for (let x = 0, p = 0; x < converted.length; x++) {
		for (const k of converted[x]) {
			pairs.campaign[p] = x;
			pairs.nextOfCustomer[p] = pairs.firstOf[k];
			pairs.firstOf[k] = p++;
		}
	}
	return pairs;
}

/**
 * The amounts of the revenue orders in their pair's campaign window (`from`/`to` by
 * campaign, both included), chained per pair in order of the orders (head by pair, next
 * by amount; −1 ends a chain): the orders read once, in order.
 */
function amountsInWindow(
	orders: readonly Order[],
	pairs: Pairs,
	from: Float64Array,
	to: Float64Array
): { head: Int32Array; next: number[]; amounts: number[] } {
	const { campaign, firstOf, nextOfCustomer } = pairs;
	const head = new Int32Array(campaign.length).fill(-1);
	const tail = new Int32Array(campaign.length).fill(-1);
	const amounts: number[] = [];
	const next: number[] = [];
	const at = customerPositions(orders)!;
	const { row, amount, day } = orderLines(orders);
	const revenue = revenueIndexes(orders);
	for (let v = 0; v < revenue.length; v++) {
		const i = revenue[v];
		let p = firstOf[at[i]];
		if (p < 0) continue;
		const t = day[row[i]];
		for (; p >= 0; p = nextOfCustomer[p]) {
			const x = campaign[p];
			if (!(t >= from[x] && t <= to[x])) continue;
			const e = amounts.length;
			amounts.push(amount[row[i]]);
			next.push(-1);
			if (tail[p] < 0) head[p] = e;
			else next[tail[p]] = e;
			tail[p] = e;
		}
	}
	return { head, next, amounts };
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
