/** Likely duplicate customers: same phone or email, or near-identical name at the same company. */
import { normalizePhone, type Customer } from '../domain';

export type DuplicateReason = 'phone' | 'email' | 'name';

export interface DuplicateGroup {
	customerIds: string[];
	reasons: DuplicateReason[];
}

/** Lower case, without whitespace or punctuation: "ACME Co., Ltd." → "acmecoltd". */
export function normalizeText(s: string | undefined): string {
	if (!s) return '';
	let n = normalized.get(s);
	if (n === undefined) {
		if (normalized.size > 100_000) normalized.clear();
		normalized.set(s, (n = s.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')));
	}
	return n;
}
/** Names and companies repeat: each text is normalised once. */
const normalized = new Map<string, string>();

/** "+" and digits only: normalizePhone would return it unchanged. */
function isE164(p: string): boolean {
	if (p.length < 2 || p.charCodeAt(0) !== 43) return false;
	for (let i = 1; i < p.length; i++) {
		const ch = p.charCodeAt(i);
		if (ch < 48 || ch > 57) return false;
	}
	return true;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
			best = Math.min(best, row[j]);
		}
		if (best > max) return max + 1;
		prev = row;
	}
	return prev[b.length];
}

/** Names alike enough: equal once normalised, or one edit apart when both have ≥ 3 characters. */
export function similarNames(a: string, b: string): boolean {
	if (a === b) return true;
	return a.length >= 3 && b.length >= 3 && editDistance(a, b, 1) <= 1;
}

/**
 * Groups of customers linked by a shared normalised phone or email, or by similar names
 * (see similarNames) at the same non-empty normalised company; links chain, so A~B and B~C
 * make one group. Names are compared only within blocks of one company and one first
 * character, or one company and one last character: a single edit of a name of three or
 * more characters keeps one of its ends, so no pair is missed and nothing is O(n²) overall.
 */
export function findDuplicates(customers: readonly Customer[]): DuplicateGroup[] {
	const parent = customers.map((_, i) => i);
	const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
	const reasons = new Map<number, Set<DuplicateReason>>();
	const link = (i: number, j: number, why: DuplicateReason) => {
		const [a, b] = [find(i), find(j)];
		if (a !== b) parent[b] = a;
		const r = reasons.get(a) ?? new Set<DuplicateReason>();
		for (const x of [why, ...(reasons.get(b) ?? [])]) r.add(x);
		reasons.set(a, r);
	};
	const linkSame = (why: DuplicateReason, keysOf: (c: Customer) => string[]) => {
		const first = new Map<string, number>();
		customers.forEach((c, i) => {
			const keys = keysOf(c);
			for (let k = 0; k < keys.length; k++) {
				const key = keys[k];
				// Each key once per customer (as a Set of the keys would).
				if (keys.indexOf(key) < k) continue;
				const j = first.get(key);
				if (j === undefined) first.set(key, i);
				else link(j, i, why);
			}
		});
	};
	const phoneKeys = (c: Customer) => {
		const out: string[] = [];
		for (const p of c.phones) {
			const n = isE164(p) ? p : normalizePhone(p);
			if (n) out.push(n);
		}
		return out;
	};
	const emailKeys = (c: Customer) => {
		const out: string[] = [];
		for (const e of c.emails) {
			const n = e.trim().toLowerCase();
			if (n) out.push(n);
		}
		return out;
	};
	linkSame('phone', phoneKeys);
	linkSame('email', emailKeys);

	const names = customers.map((c) => normalizeText(c.name));
	// Blocks by company (as a number) and the name's first or last UTF-16 unit.
	const companies = new Map<string, number>();
	const blocks = new Map<number, number[]>();
	const addTo = (key: number, i: number) => {
		const list = blocks.get(key);
		if (list) list.push(i);
		else blocks.set(key, [i]);
	};
	customers.forEach((c, i) => {
		const company = normalizeText(c.company);
		const name = names[i];
		if (!company || !name) return;
		let code = companies.get(company);
		if (code === undefined) companies.set(company, (code = companies.size));
		addTo(code * 131_072 + name.charCodeAt(0), i);
		addTo(code * 131_072 + 65_536 + name.charCodeAt(name.length - 1), i);
	});
	for (const block of blocks.values()) {
		for (let x = 0; x < block.length; x++) {
			for (let y = x + 1; y < block.length; y++) {
				const [i, j] = [block[x], block[y]];
				if (similarNames(names[i], names[j])) link(i, j, 'name');
			}
		}
	}

	// Only customers linked to someone form a group.
	const roots = new Int32Array(customers.length);
	const size = new Int32Array(customers.length);
	for (let i = 0; i < customers.length; i++) size[(roots[i] = find(i))]++;
	const groups = new Map<number, string[]>();
	customers.forEach((c, i) => {
		const root = roots[i];
		if (size[root] < 2) return;
		const ids = groups.get(root);
		if (ids) ids.push(c.id);
		else groups.set(root, [c.id]);
	});
	return [...groups]
		.filter(([, ids]) => ids.length > 1)
		.map(([root, ids]) => ({
			customerIds: ids.sort(),
			reasons: [...(reasons.get(root) ?? [])].sort() as DuplicateReason[]
		}))
		.sort((a, b) => (a.customerIds[0] < b.customerIds[0] ? -1 : 1));
}
