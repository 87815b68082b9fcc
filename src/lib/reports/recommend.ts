/** Recommendations: what customers who bought what this customer bought also bought. */
import type { Order } from '../domain';
import type { Dataset } from './dataset';
import {
	customerIds,
	customerPositions,
	memo,
	orderLines,
	productNames,
	revenueByCustomer,
	revenueIndexes
} from './indexes';
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
	const me = customerIds(scope.customers).indexOf(customerId);
	const bought = productsBought(d.orders);
	if (!bought) return recommendFromLists(d.orders, me, limit);
	const { words, customers, bits } = bought;
	if (me < 0 || me >= customers) return [];
	const mine = bits.subarray(me * words, me * words + words);
	if (mine.every((w) => w === 0)) return [];
	const score = new Float64Array(productNames.length);
	const buyers = new Float64Array(productNames.length);
	for (let k = 0, base = 0; k < customers; k++, base += words) {
		if (k === me) continue;
		let shared = 0;
		for (let w = 0; w < words; w++) shared += popcount(bits[base + w] & mine[w]);
		if (!shared) continue;
		for (let w = 0; w < words; w++) {
			// Each product this customer bought and `me` did not, lowest code first.
			for (let x = bits[base + w] & ~mine[w]; x !== 0; x &= x - 1) {
				const p = w * 32 + 31 - Math.clz32(x & -x);
				score[p] += shared;
				buyers[p]++;
			}
		}
	}
	return ranked(score, buyers, limit);
}

/** Set bits of a 32-bit word. */
function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Which products each customer bought (in a revenue order of the array): one bit per
 * product code, `words` 32-bit words per customer position. Kept per orders array, so
 * recommendations for another customer of the same snapshot only read bits. Undefined
 * when the table would be large (many products and customers): the lists are read instead.
 */
interface ProductsBought {
	words: number;
	customers: number;
	bits: Uint32Array;
}
const MAX_BOUGHT_WORDS = 1 << 22;
const productsBought = memo((orders: readonly Order[]): ProductsBought | null => {
	const at = customerPositions(orders);
	if (!at) throw new Error('recommend: orders of a scoped dataset expected');
	let customers = 0;
	for (let i = 0; i < at.length; i++) if (at[i] >= customers) customers = at[i] + 1;
	const { row, start, product } = orderLines(orders);
	const revenue = revenueIndexes(orders);
	// Every code a line of these orders holds is below productNames.length (read above).
	const words = Math.max(1, Math.ceil(productNames.length / 32));
	if (customers * words > MAX_BOUGHT_WORDS) return null;
	const bits = new Uint32Array(customers * words);
	for (let j = 0; j < revenue.length; j++) {
		const i = revenue[j];
		const base = at[i] * words;
		for (let l = start[row[i]]; l < start[row[i] + 1]; l++) {
			const p = product[l];
			bits[base + (p >>> 5)] |= 1 << (p & 31);
		}
	}
	return { words, customers, bits };
});

function ranked(score: Float64Array, buyers: Float64Array, limit: number): Recommendation[] {
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

/**
 * The same recommendations from each customer's revenue orders (`orders` of a scoped
 * dataset, `me` a position in its customers), for a table too large for bits; exported
 * for tests.
 */
export function recommendFromLists(
	orders: readonly Order[],
	me: number,
	limit: number
): Recommendation[] {
	const byCustomer = revenueByCustomer(orders);
	const lines = orderLines(orders);
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
	return ranked(score, buyers, limit);
}
