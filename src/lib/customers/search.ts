/**
 * Search-as-you-type over customers: one precomputed, lower-case key per customer (name,
 * company, pinyin and pinyin initials of Chinese text, phones, emails), cached by
 * id + updatedAt so 20,000 customers are converted once, not on every keystroke.
 * The pinyin dictionary (≈150 KiB gzipped) loads on first use, not with the first page.
 */
import type { Customer } from '$lib/domain/customer';

type Searchable = Pick<Customer, 'id' | 'updatedAt' | 'name' | 'phones' | 'emails'> & {
	company?: string;
};

const HAN = /[\u3400-\u9fff]/;
const SEP = '\u0000';

let convert: typeof import('pinyin-pro').pinyin | undefined;
let loading: Promise<void> | undefined;

/** Loads the pinyin dictionary once; keys made before it lack pinyin and are remade after. */
export function loadPinyin(): Promise<void> {
	loading ??= import('pinyin-pro').then((m) => {
		convert = m.pinyin;
	});
	return loading;
}

/** True once `loadPinyin` has finished. */
export function pinyinLoaded(): boolean {
	return convert !== undefined;
}

function squash(s: string): string {
	return s.toLowerCase().replace(/\s+/g, '');
}

/** Full pinyin and initials of the Chinese characters in `text` ('' when there are none, or before `loadPinyin`). */
export function pinyinForms(text: string, surname = false): { full: string; initials: string } {
	if (!convert || !HAN.test(text)) return { full: '', initials: '' };
	const pinyin = convert;
	const opts = {
		toneType: 'none',
		type: 'array',
		nonZh: 'consecutive',
		surname: surname ? 'head' : 'off'
	} as const;
	const full = pinyin(text, opts).join('');
	const initials = pinyin(text, { ...opts, pattern: 'first' }).join('');
	return { full: squash(full), initials: squash(initials) };
}

/** An E.164 number also as dialled at home ("138…", "010…", "020 7946…" for +44 20 7946…). */
function phoneForms(phone: string): string {
	if (phone.startsWith('+86')) return `${phone}${SEP}0${phone.slice(3)}`;
	// Country codes have 1–3 digits; without a table, offer each reading.
	return [phone, ...[2, 3, 4].map((n) => '0' + phone.slice(n))].join(SEP);
}

/** The search key of one customer: every form a person might type, joined. */
export function searchKeyOf(c: Searchable): string {
	const name = pinyinForms(c.name, true);
	const company = c.company ? pinyinForms(c.company) : { full: '', initials: '' };
	return [
		squash(c.name),
		name.full,
		name.initials,
		squash(c.company ?? ''),
		company.full,
		company.initials,
		...c.phones.map(phoneForms),
		...c.emails.map((e) => e.toLowerCase())
	]
		.filter(Boolean)
		.join(SEP);
}

/** Splits what was typed into lower-case tokens; a customer matches when its key has all. */
export function queryTokens(query: string): string[] {
	return query
		.toLowerCase()
		.split(/\s+/)
		.map((t) => (/^[+\d()\-.]+$/.test(t) ? t.replace(/[()\-.]/g, '') : t))
		.filter(Boolean);
}

/** True when every token occurs in the key. */
export function keyMatches(key: string, tokens: readonly string[]): boolean {
	for (const t of tokens) if (!key.includes(t)) return false;
	return true;
}

/** Search keys cached by id + updatedAt; an edited customer gets a fresh key. */
export class SearchIndex {
	#cache = new Map<string, { updatedAt: number; key: string; complete: boolean }>();
	#last:
		| { source: readonly Searchable[]; tokens: string[]; results: Searchable[]; pinyin: boolean }
		| undefined;

	keyOf(c: Searchable): string {
		const hit = this.#cache.get(c.id);
		if (hit && hit.updatedAt === c.updatedAt && (hit.complete || !convert)) return hit.key;
		const key = searchKeyOf(c);
		const complete = Boolean(convert) || !(HAN.test(c.name) || HAN.test(c.company ?? ''));
		this.#cache.set(c.id, { updatedAt: c.updatedAt, key, complete });
		return key;
	}

	/**
	 * The customers matching `query`, in the order given. While typing on, when every
	 * previous token is part of the new one at its place, only the previous results are
	 * searched (they are a superset of the new results).
	 */
	search<T extends Searchable>(customers: readonly T[], query: string): T[] {
		const tokens = queryTokens(query);
		if (!tokens.length) {
			this.#last = undefined;
			return customers as T[];
		}
		void loadPinyin();
		const last = this.#last;
		const pinyin = pinyinLoaded();
		const narrows =
			last?.source === customers &&
			last.pinyin === pinyin &&
			tokens.length >= last.tokens.length &&
			last.tokens.every((t, i) => tokens[i].includes(t));
		const pool = narrows ? (last.results as T[]) : customers;
		const results = pool.filter((c) => keyMatches(this.keyOf(c), tokens));
		this.#last = { source: customers, tokens, results, pinyin };
		return results;
	}

	/** Computes missing keys in small slices between frames, so the first keystroke is quick. */
	async warm(customers: readonly Searchable[], slice = 1000): Promise<void> {
		await loadPinyin();
		for (let i = 0; i < customers.length; i += slice) {
			for (const c of customers.slice(i, i + slice)) this.keyOf(c);
			await new Promise((r) => setTimeout(r, 0));
		}
	}

	get size(): number {
		return this.#cache.size;
	}
}
