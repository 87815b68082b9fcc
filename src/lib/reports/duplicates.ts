/** Likely duplicate customers: same phone or email, or near-identical name at the same company. */
import { normalizePhone, type Customer } from '../domain';
import { StringTable } from './id-table';

export type DuplicateReason = 'phone' | 'email' | 'name';

export interface DuplicateGroup {
	customerIds: string[];
	reasons: DuplicateReason[];
}

/** Lower case, without whitespace or punctuation: "ACME Co., Ltd." → "acmecoltd". */
export function normalizeText(s: string | undefined): string {
	if (!s) return '';
	if (typeof s !== 'string') return normalize(s);
	let k = normalized.get(s);
	if (k < 0) {
		if (normalizedTexts.length > 100_000) {
			normalized = new StringTable();
			normalizedTexts = [];
		}
		normalized.add(s, (k = normalizedTexts.length));
		normalizedTexts.push(normalize(s));
	}
	return normalizedTexts[k];
}
function normalize(s: string): string {
	return s.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}
/**
 * Names and companies repeat: each text is normalised once (in a typed table: a Map
 * hashes and writes into every new string it is asked for).
 */
let normalized = new StringTable();
let normalizedTexts: string[] = [];

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
	return a.length >= 3 && b.length >= 3 && withinOneEdit(a, b);
}

/**
 * `editDistance(a, b, 1) <= 1` without building rows: equal, one UTF-16 unit replaced, or
 * one inserted or deleted.
 */
export function withinOneEdit(a: string, b: string): boolean {
	const [s, l] = a.length <= b.length ? [a, b] : [b, a];
	const extra = l.length - s.length;
	if (extra > 1) return false;
	let i = 0;
	while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
	// At the first difference, l's unit i was replaced (same length) or inserted (one longer):
	// the rest of s must equal the rest of l after it.
	for (let k = i + 1 - extra; k < s.length; k++) {
		if (s.charCodeAt(k) !== l.charCodeAt(k + extra)) return false;
	}
	return true;
}

/** Reasons as bits, and the bits' names in sorted order. */
const PHONE = 1;
const EMAIL = 2;
const NAME = 4;
const REASON_BITS: [number, DuplicateReason][] = [
	[EMAIL, 'email'],
	[NAME, 'name'],
	[PHONE, 'phone']
];

/**
 * Groups of customers linked by a shared normalised phone or email, or by similar names
 * (see similarNames) at the same non-empty normalised company; links chain, so A~B and B~C
 * make one group. Names are compared only within blocks of one company and one first
 * character, or one company and one last character: a single edit of a name of three or
 * more characters keeps one of its ends, so no pair is missed and nothing is O(n²) overall.
 */
export function findDuplicates(
	customers: readonly Customer[],
	/** Each customer's id, by position, when the caller has them apart from the records. */
	idsOf?: readonly string[]
): DuplicateGroup[] {
	const n = customers.length;
	const parent = new Int32Array(n);
	for (let i = 0; i < n; i++) parent[i] = i;
	const find = (i: number): number => {
		let r = i;
		while (parent[r] !== r) r = parent[r];
		while (parent[i] !== r) {
			const up = parent[i];
			parent[i] = r;
			i = up;
		}
		return r;
	};
	// The reasons of every link that touched a group, as bits on its root.
	const reasons = new Uint8Array(n);
	let linked = false;
	const link = (i: number, j: number, why: number) => {
		const a = find(i);
		const b = find(j);
		if (a !== b) parent[b] = a;
		reasons[a] |= why | reasons[b];
		linked = true;
	};
	// Phones and emails: the first customer holding a key, by key.
	// Sized for one phone and one email per customer, so they do not grow (and rehash)
	// eleven times on the way from 64 slots.
	const phones = new StringTable(n);
	const emails = new StringTable(n);
	const linkKey = (first: StringTable, key: string, i: number, why: number) => {
		const j = first.get(key);
		if (j < 0) first.add(key, i);
		else if (j !== i) link(j, i, why);
	};
	const names: string[] = new Array(n);
	const companyOf = new Int32Array(n).fill(-1);
	const companies = new StringTable();
	let companyCount = 0;
	for (let i = 0; i < n; i++) {
		const c = customers[i];
		for (const p of c.phones) {
			const key = isE164(p) ? p : normalizePhone(p);
			if (key) linkKey(phones, key, i, PHONE);
		}
		for (const e of c.emails) {
			const key = e.trim().toLowerCase();
			if (key) linkKey(emails, key, i, EMAIL);
		}
		const name = (names[i] = normalizeText(c.name));
		const company = normalizeText(c.company);
		if (!company || !name) continue;
		let code = companies.get(company);
		if (code < 0) companies.add(company, (code = companyCount++));
		companyOf[i] = code;
	}

	// Customers by company (a counting sort, in customer order within each company).
	const start = new Int32Array(companyCount + 1);
	for (let i = 0; i < n; i++) if (companyOf[i] >= 0) start[companyOf[i] + 1]++;
	for (let k = 0; k < companyCount; k++) start[k + 1] += start[k];
	const fill = start.slice(0, companyCount);
	const byCompany = new Int32Array(start[companyCount]);
	for (let i = 0; i < n; i++) if (companyOf[i] >= 0) byCompany[fill[companyOf[i]]++] = i;
	// Within a company, blocks of one first (then one last) UTF-16 unit of the name.
	const ends = new Int32Array(byCompany.length);
	for (let k = 0; k < companyCount; k++) {
		const [from, to] = [start[k], start[k + 1]];
		if (to - from < 2) continue;
		for (const last of [false, true]) {
			for (let x = from; x < to; x++) {
				const name = names[byCompany[x]];
				ends[x] = name.charCodeAt(last ? name.length - 1 : 0);
			}
			compareBlocks(byCompany, ends, from, to, (i, j) => {
				if (similarNames(names[i], names[j])) link(i, j, NAME);
			});
		}
	}
	if (!linked) return [];

	// Only customers linked to someone form a group.
	const roots = new Int32Array(n);
	const size = new Int32Array(n);
	for (let i = 0; i < n; i++) size[(roots[i] = find(i))]++;
	const groups = new Map<number, string[]>();
	for (let i = 0; i < n; i++) {
		const root = roots[i];
		if (size[root] < 2) continue;
		const ids = groups.get(root);
		const id = idsOf ? idsOf[i] : customers[i].id;
		if (ids) ids.push(id);
		else groups.set(root, [id]);
	}
	const out: DuplicateGroup[] = [];
	for (const [root, ids] of groups) {
		out.push({
			customerIds: ids.sort(),
			reasons: REASON_BITS.filter(([bit]) => reasons[root] & bit).map(([, why]) => why)
		});
	}
	return out.sort((a, b) => (a.customerIds[0] < b.customerIds[0] ? -1 : 1));
}

/**
 * Calls `compare(i, j)` for every pair of `members[from…to)` with equal `keys` (by the
 * same positions): pair by pair in a small run, else after sorting the run by key.
 */
function compareBlocks(
	members: Int32Array,
	keys: Int32Array,
	from: number,
	to: number,
	compare: (i: number, j: number) => void
): void {
	if (to - from <= 32) {
		for (let x = from; x < to; x++) {
			for (let y = x + 1; y < to; y++) if (keys[x] === keys[y]) compare(members[x], members[y]);
		}
		return;
	}
	const order = Int32Array.from({ length: to - from }, (_, k) => from + k).sort(
		(a, b) => keys[a] - keys[b] || a - b
	);
	for (let x = 0; x < order.length;) {
		let y = x + 1;
		while (y < order.length && keys[order[y]] === keys[order[x]]) y++;
		for (let a = x; a < y; a++) {
			for (let b = a + 1; b < y; b++) compare(members[order[a]], members[order[b]]);
		}
		x = y;
	}
}
