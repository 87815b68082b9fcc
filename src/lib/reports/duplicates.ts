/** Likely duplicate customers: same phone or email, or near-identical name at the same company. */
import { normalizePhone, type Customer } from '../domain';
import { StringTable } from './id-table';
import { customerIds, idOrder } from './indexes';

export type DuplicateReason = 'phone' | 'email' | 'name';

export interface DuplicateGroup {
	customerIds: string[];
	reasons: DuplicateReason[];
}

/** Lower case, without whitespace or punctuation: "ACME Co., Ltd." → "acmecoltd". */
export function normalizeText(s: string | undefined): string {
	if (!s) return '';
	if (typeof s !== 'string') return normalize(s);
	if (isNormal(s)) return s;
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
 * True when `normalize(s)` is `s`, seen from its units alone: a–z, 0–9 and CJK unified
 * ideographs (U+4E00–U+9FFF, letters without case), which lower-casing keeps and the
 * pattern never removes. Most names and companies are such, and need no lookup.
 */
export function isNormal(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const ch = s.charCodeAt(i);
		if (ch >= 0x4e00 ? ch > 0x9fff : ch < 0x30 || (ch > 0x39 && ch < 0x61) || ch > 0x7a) {
			return false;
		}
	}
	return true;
}
/**
 * Names and companies repeat: each text is normalised once (in a typed table: a Map
 * hashes and writes into every new string it is asked for).
 */
let normalized = new StringTable();
let normalizedTexts: string[] = [];

/**
 * An email as compared: trimmed and in lower case. Printable ASCII without capitals is
 * already both (every character trim removes or lower-casing changes is a control, a
 * space, A–Z or beyond ASCII), and is returned as it is.
 */
export function emailKey(e: string): string {
	for (let i = 0; i < e.length; i++) {
		const ch = e.charCodeAt(i);
		if (ch <= 0x20 || (ch >= 0x41 && ch <= 0x5a) || ch >= 0x7f) return e.trim().toLowerCase();
	}
	return e;
}

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
	const s = a.length <= b.length ? a : b;
	const l = s === a ? b : a;
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

/** Reasons as bits, and each combination's names in sorted order (copied for every group). */
const PHONE = 1;
const EMAIL = 2;
const NAME = 4;
const REASONS_OF_BITS: readonly (readonly DuplicateReason[])[] = Array.from(
	{ length: 8 },
	(_, bits) =>
		(
			[
				[EMAIL, 'email'],
				[NAME, 'name'],
				[PHONE, 'phone']
			] as const
		)
			.filter(([bit]) => bits & bit)
			.map(([, why]) => why)
);

/**
 * Duplicate groups by customer position: group g's members are members[start[g]] …
 * members[start[g + 1] − 1] in id order, and the groups are in the order of their first
 * member's id.
 */
export interface DuplicatePositions {
	members: Int32Array;
	start: Int32Array;
	/** Each group's reasons, as bits. */
	reasons: Uint8Array;
}

/**
 * Groups of customers linked by a shared normalised phone or email, or by similar names
 * (see similarNames) at the same non-empty normalised company; links chain, so A~B and B~C
 * make one group. Customers are read one at a time (`add`), so a caller going over the
 * records for something else reads each record once. Names are compared only within blocks
 * of one company and one first character, or one company and one last character: a single
 * edit of a name of three or more characters keeps one of its ends, so no pair is missed
 * and nothing is O(n²) overall.
 */
export class DuplicateFinder {
	private readonly parent: Int32Array;
	/** The reasons of every link that touched a group, as bits on its root. */
	private readonly why: Uint8Array;
	private linked = false;
	/**
	 * Phones and emails: the first customer holding a key, by key. Sized for one phone and
	 * one email per customer, so they do not grow (and rehash) on the way from 64 slots.
	 */
	private readonly phones: StringTable;
	private readonly emails: StringTable;
	/** Each customer's normalised name, and its first and last UTF-16 unit. */
	private readonly names: string[];
	private readonly firstUnit: Uint16Array;
	private readonly lastUnit: Uint16Array;
	/** Customers with a name at each company (by normalised company's code), as chains. */
	private readonly companies = new StringTable();
	private readonly companyLast: number[] = [];
	private readonly beforeInCompany: Int32Array;

	/** For customers at positions 0 … n − 1. */
	constructor(private readonly n: number) {
		this.parent = new Int32Array(n);
		for (let i = 0; i < n; i++) this.parent[i] = i;
		this.why = new Uint8Array(n);
		this.phones = new StringTable(n);
		this.emails = new StringTable(n);
		this.names = new Array(n);
		this.firstUnit = new Uint16Array(n);
		this.lastUnit = new Uint16Array(n);
		this.beforeInCompany = new Int32Array(n);
	}

	/** Customer i's phones, emails, name and company. */
	add(i: number, c: Pick<Customer, 'phones' | 'emails' | 'name' | 'company'>): void {
		const phones = c.phones;
		for (let k = 0; k < phones.length; k++) {
			const p = phones[k];
			const key = isE164(p) ? p : normalizePhone(p);
			if (key) this.linkKey(this.phones, key, i, PHONE);
		}
		const emails = c.emails;
		for (let k = 0; k < emails.length; k++) {
			const key = emailKey(emails[k]);
			if (key) this.linkKey(this.emails, key, i, EMAIL);
		}
		const name = (this.names[i] = normalizeText(c.name));
		const company = normalizeText(c.company);
		if (!company || !name) return;
		let code = this.companies.get(company);
		if (code < 0) {
			this.companies.add(company, (code = this.companyLast.length));
			this.companyLast.push(-1);
		}
		this.beforeInCompany[i] = this.companyLast[code];
		this.companyLast[code] = i;
		this.firstUnit[i] = name.charCodeAt(0);
		this.lastUnit[i] = name.charCodeAt(name.length - 1);
	}

	/** The groups, once every customer was added; `order`: the positions sorted by id. */
	groups(order: ArrayLike<number>): DuplicatePositions {
		this.linkNames();
		const n = this.n;
		if (!this.linked)
			return { members: new Int32Array(0), start: new Int32Array(1), reasons: new Uint8Array(0) };
		// Only customers linked to someone form a group.
		const roots = new Int32Array(n);
		const size = new Int32Array(n);
		for (let i = 0; i < n; i++) size[(roots[i] = this.find(i))]++;
		// Groups numbered as their first member (in id order) is met, each given its place.
		const groupOf = new Int32Array(n).fill(-1);
		const fill: number[] = [];
		const reasons: number[] = [];
		let placed = 0;
		const members = new Int32Array(n);
		for (let r = 0; r < order.length; r++) {
			const i = order[r];
			const root = roots[i];
			if (size[root] < 2) continue;
			let g = groupOf[root];
			if (g < 0) {
				groupOf[root] = g = fill.length;
				fill.push(placed);
				reasons.push(this.why[root]);
				placed += size[root];
			}
			members[fill[g]++] = i;
		}
		const start = new Int32Array(fill.length + 1);
		for (let g = 0; g < fill.length; g++) start[g + 1] = fill[g];
		return { members: members.subarray(0, placed), start, reasons: Uint8Array.from(reasons) };
	}

	private find(i: number): number {
		const parent = this.parent;
		let r = i;
		while (parent[r] !== r) r = parent[r];
		while (parent[i] !== r) {
			const up = parent[i];
			parent[i] = r;
			i = up;
		}
		return r;
	}

	private link(i: number, j: number, why: number): void {
		const a = this.find(i);
		const b = this.find(j);
		if (a !== b) this.parent[b] = a;
		this.why[a] |= why | this.why[b];
		this.linked = true;
	}

	private linkKey(first: StringTable, key: string, i: number, why: number): void {
		const j = first.get(key);
		if (j < 0) first.add(key, i);
		else if (j !== i) this.link(j, i, why);
	}

	/**
	 * Links similar names at one company: within a company, each pair with the same first or the same last unit is compared (a single edit
	 * of a name of three or more characters keeps one of its ends); a company of many
	 * customers sorts them by each end instead of trying every pair.
	 */
	private linkNames(): void {
		const { names, firstUnit, lastUnit, companyLast, beforeInCompany } = this;
		let members = new Int32Array(64);
		for (let k = 0; k < companyLast.length; k++) {
			// The company's customers, from its chain.
			let m = 0;
			for (let i = companyLast[k]; i >= 0; i = beforeInCompany[i]) {
				if (m === members.length) {
					const more = new Int32Array(2 * m);
					more.set(members);
					members = more;
				}
				members[m++] = i;
			}
			if (m > 32) {
				this.linkSameEnd(members.subarray(0, m), firstUnit);
				this.linkSameEnd(members.subarray(0, m), lastUnit);
				continue;
			}
			for (let x = 0; x < m; x++) {
				const i = members[x];
				for (let y = x + 1; y < m; y++) {
					const j = members[y];
					if (firstUnit[i] !== firstUnit[j] && lastUnit[i] !== lastUnit[j]) continue;
					if (similarNames(names[i], names[j])) this.link(i, j, NAME);
				}
			}
		}
	}

	/** Compares the names of every pair of `members` with the same `unit`, after sorting by it. */
	private linkSameEnd(members: Int32Array, unit: Uint16Array): void {
		const sorted = Int32Array.from(members).sort((a, b) => unit[a] - unit[b] || a - b);
		for (let x = 0; x < sorted.length;) {
			let y = x + 1;
			while (y < sorted.length && unit[sorted[y]] === unit[sorted[x]]) y++;
			for (let a = x; a < y; a++) {
				for (let b = a + 1; b < y; b++) {
					if (similarNames(this.names[sorted[a]], this.names[sorted[b]])) {
						this.link(sorted[a], sorted[b], NAME);
					}
				}
			}
			x = y;
		}
	}
}

/** The groups as results: ids (`ids`, by position) and reasons in new arrays. */
export function duplicateGroups(
	positions: DuplicatePositions,
	ids: readonly string[]
): DuplicateGroup[] {
	const { members, start, reasons } = positions;
	const out: DuplicateGroup[] = new Array(reasons.length);
	for (let g = 0; g < reasons.length; g++) {
		const customerIds: string[] = new Array(start[g + 1] - start[g]);
		for (let m = start[g], k = 0; m < start[g + 1]; m++, k++) customerIds[k] = ids[members[m]];
		out[g] = { customerIds, reasons: REASONS_OF_BITS[reasons[g]].slice() };
	}
	return out;
}

/** DuplicateFinder over every customer: groups in order of their first id, ids sorted. */
export function findDuplicates(customers: readonly Customer[]): DuplicateGroup[] {
	const finder = new DuplicateFinder(customers.length);
	for (let i = 0; i < customers.length; i++) finder.add(i, customers[i]);
	return duplicateGroups(finder.groups(idOrder(customers).order), customerIds(customers));
}
