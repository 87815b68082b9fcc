/** Recommendations: what customers who bought what this customer bought also bought. */
import type { Dataset } from './dataset';
import { productsByCustomer } from './indexes';
import { applyFilter, type ReportFilter } from './filters';

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
	const bought = productsByCustomer(d.orders);
	const mine = bought.get(customerId);
	if (!mine) return [];
	const scores = new Map<string, Recommendation>();
	for (const [other, products] of bought) {
		if (other === customerId) continue;
		let shared = 0;
		for (const p of products) if (mine.has(p)) shared++;
		if (!shared) continue;
		for (const p of products) {
			if (mine.has(p)) continue;
			const r = scores.get(p) ?? { product: p, score: 0, customers: 0 };
			r.score += shared;
			r.customers++;
			scores.set(p, r);
		}
	}
	return [...scores.values()]
		.sort(
			(a, b) => b.score - a.score || b.customers - a.customers || (a.product < b.product ? -1 : 1)
		)
		.slice(0, limit);
}
