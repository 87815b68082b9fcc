/**
 * The overview after orders changed, without a pass over every order: the dashboard asks
 * for the overview (and one per rep) after every change, and an order saved costs the full
 * computation ≈ 120–170 ms over 500,000 orders in Chromium. Of the overview, only revenue,
 * previous revenue and their change depend on orders; this module keeps each filter's last
 * overview and, when only orders changed since, patches those three: each changed order's
 * contribution before and after the change, computed by `overview` itself on a dataset of
 * that order and its customer (so status, date, scope and liveness are judged by the report
 * code, not restated here). Sums stay cents-exact (`sumMoney`), so a patched overview equals
 * a full computation (`overview-patch.test.ts` checks it on random edits).
 *
 * Not patched (computed in full): another collection changed, a different filter, a period
 * not given by the filter, a `now` before the kept one or past its bound
 * (`figure-validity.ts`: a follow-up came due), a kept overview older than the last
 * changes the dataset remembers.
 */
import type { Customer, Order } from '$lib/domain';
import { emptyDataset, sumMoney, type Dataset } from '../dataset';
import { overview, type Overview, type OverviewParams } from '../overview';
import type { AppliedChange, HeldRecord } from './deltas';
import { figureValidUntil } from './figure-validity';

export interface PatchSource {
	changesBetween(older: Dataset, newer: Dataset): AppliedChange[] | undefined;
	/** A customer of the current records by id. */
	find(collection: 'customers', id: string): HeldRecord | undefined;
}

interface Kept {
	data: Dataset;
	now: number;
	validUntil: number;
	result: Overview;
}

/** Filters kept (a manager's dashboard: its own and one per rep). */
const MAX_KEPT = 64;
/**
 * Snapshots the kept overviews may refer to: each holds its own arrays of the changed
 * collections (500,000 orders: 4 MB of references), so overviews of filters not asked for
 * since several changes go first.
 */
const MAX_SNAPSHOTS = 3;

/** Revenue and previous revenue of one order under `params` (0 when it does not count). */
function contribution(
	order: HeldRecord | undefined,
	customer: HeldRecord | undefined,
	params: OverviewParams
): { revenue: number; previous: number } {
	if (!order || !customer) return { revenue: 0, previous: 0 };
	const one: Dataset = {
		...emptyDataset(),
		customers: [customer as unknown as Customer],
		orders: [order as unknown as Order]
	};
	const o = overview(one, params);
	return { revenue: o.revenue, previous: o.previousRevenue };
}

const filterKey = (p: OverviewParams) => JSON.stringify(p.filter ?? null);

export class OverviewPatcher {
	#kept = new Map<string, Kept>();

	constructor(private readonly source: PatchSource) {}

	/** The overview of `data` patched from a kept one, or undefined when it cannot be. */
	patch(data: Dataset, params: OverviewParams): Overview | undefined {
		const f = params.filter;
		if (typeof f?.from !== 'number' || typeof f.to !== 'number') return undefined;
		const kept = this.#kept.get(filterKey(params));
		if (!kept || params.now < kept.now || params.now > kept.validUntil) return undefined;
		if (kept.data === data) return kept.result;
		const changes = this.source.changesBetween(kept.data, data);
		if (!changes) return undefined;
		for (const k of ['customers', 'services', 'visits', 'campaigns', 'participations'] as const)
			if (data[k] !== kept.data[k]) return undefined;
		let revenue = kept.result.revenue;
		let previous = kept.result.previousRevenue;
		const customer = (o: HeldRecord | undefined) =>
			o ? this.source.find('customers', (o as unknown as Order).customerId) : undefined;
		for (const c of changes) {
			if (c.collection !== 'orders') return undefined;
			const before = contribution(c.before, customer(c.before), params);
			const after = contribution(c.after, customer(c.after), params);
			revenue += after.revenue - before.revenue;
			previous += after.previous - before.previous;
		}
		revenue = sumMoney([revenue]);
		previous = sumMoney([previous]);
		return {
			...kept.result,
			revenue,
			previousRevenue: previous,
			revenueChange: previous ? (revenue - previous) / previous : null
		};
	}

	/** Keeps an overview (computed or patched) of `data` as the base of the next patch. */
	keep(data: Dataset, params: OverviewParams, result: Overview): void {
		const key = filterKey(params);
		this.#kept.delete(key);
		if (this.#kept.size >= MAX_KEPT) this.#kept.delete(this.#kept.keys().next().value!);
		this.#kept.set(key, {
			data,
			now: params.now,
			validUntil: figureValidUntil('overview', data, params) ?? params.now,
			result
		});
		const snapshots = new Set<Dataset>();
		for (const k of this.#kept.values()) snapshots.add(k.data);
		if (snapshots.size <= MAX_SNAPSHOTS) return;
		// The least recently kept first, never those of `data`.
		for (const [k, v] of this.#kept) {
			if (snapshots.size <= MAX_SNAPSHOTS) break;
			if (v.data === data) continue;
			this.#kept.delete(k);
			if (![...this.#kept.values()].some((o) => o.data === v.data)) snapshots.delete(v.data);
		}
	}

	/** How many overviews are kept (for tests). */
	get size(): number {
		return this.#kept.size;
	}
}
