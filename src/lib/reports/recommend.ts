/** Recommendations: what customers who bought what this customer bought also bought. */
import type { Dataset } from './dataset';
import { orderLines, productNames, revenueByCustomer } from './indexes';
import { applyFilter, scopeDataset, type ReportFilter } from './filters';

export interface RecommendParams {
	customerId: string;
	/** How many products to return (default 5). */
	limit?: number;
	filter?: ReportFilter;
}

export interface Recommendation {
	product: string;
	/** Co-purchases: for each other customer holding it, how many of this customer's products they also bought. */
	score: number;
	/** How many such customers bought it. */
	customers: number;
}

/**
 * Counts over revenue orders. A customer who bought k of this customer's products adds k
 * to each product they bought that this customer has not; highest score first, then most
 * customers, then product name.
 */
export function recommend(
	data: Dataset,
	{ customerId, limit = 5, filter = {} }: RecommendParams
): Recommendation[] {
	const d = applyFilter(data, filter);
	const scope = scopeDataset(data, filter);
	const me = scope.customers.findIndex((c) => c.id === customerId);
	const byCustomer = revenueByCustomer(d.orders);
	const lines = orderLines(d.orders);
	const { start, list } = byCustomer;
	const customers = start.length - 1;
	if (me < 0 || me >= customers) return [];

	// Each customer's distinct products (codes), one customer at a time.
	const stamp = new Int32Array(productNames.length).fill(-1);
	const distinct: number[] = [];
	const productsOf = (k: number) => {
		distinct.length = 0;
		for (let j = start[k]; j < start[k + 1]; j++) {
			const i = list[j];
			const r = lines.row[i];
			for (let l = lines.start[r]; l < lines.start[r + 1]; l++) {
				const p = lines.product[l];
				if (stamp[p] !== k) {
					stamp[p] = k;
					distinct.push(p);
				}
			}
		}
		return distinct;
	};
	const mine = new Uint8Array(productNames.length);
	const own = productsOf(me);
	if (!own.length) return [];
	for (const p of own) mine[p] = 1;
	const score = new Float64Array(productNames.length);
	const buyers = new Float64Array(productNames.length);
	for (let k = 0; k < customers; k++) {
		if (k === me || start[k] === start[k + 1]) continue;
		const products = productsOf(k);
		let shared = 0;
		for (const p of products) shared += mine[p];
		if (!shared) continue;
		for (const p of products) {
			if (mine[p]) continue;
			score[p] += shared;
			buyers[p]++;
		}
	}
	const out: Recommendation[] = [];
	for (let p = 0; p < buyers.length; p++) {
		if (buyers[p]) out.push({ product: productNames[p], score: score[p], customers: buyers[p] });
	}
	return out
		.sort(
			(a, b) => b.score - a.score || b.customers - a.customers || (a.product < b.product ? -1 : 1)
		)
		.slice(0, limit);
}
