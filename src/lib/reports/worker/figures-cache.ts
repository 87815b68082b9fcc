/**
 * The dashboard's last figures, kept on the device (a small IndexedDB database of their
 * own) per user database, so that `/reports` can show them at once while the worker reads
 * hundreds of thousands of records, then replace them with fresh ones. Results up to
 * `MAX_RESULT_CHARS` of JSON are kept (a dashboard, not a table of 50,000 customers), at
 * most `MAX_ENTRIES` and `MAX_TOTAL_CHARS` in all (a manager's dashboard is 1 + one per
 * rep), the least recently computed dropped first; the moment the records were read travels with
 * them, so the page can say how old they are.
 */
import { idbObjectStore } from './idb-store';
import type { SourceState } from '../protocol';

/** Where the cache lives: `idbStore()` in the browser, a map in tests. */
export interface KeyValueStore {
	get(key: string): Promise<string | undefined>;
	set(key: string, value: string): Promise<void>;
}

export interface CachedFigures {
	/** When the records behind these figures were read (epoch ms). */
	at: number;
	customers: number;
	facets: { ownerIds: string[]; regions: string[]; tags: string[] };
	/** Result by `figureKey(report, params)`, newest last. */
	results: Record<string, unknown>;
}

const PREFIX = 'fieldbook:report-figures:';
export const MAX_ENTRIES = 64;
/** All kept results together, in characters of JSON. */
export const MAX_TOTAL_CHARS = 8_000_000;
export const MAX_RESULT_CHARS = 2_000_000;

/** A report and its parameters without `now` (which changes with every snapshot). */
export function figureKey(report: string, params: unknown): string {
	if (params && typeof params === 'object' && 'now' in params) {
		const { now: _now, ...rest } = params as Record<string, unknown>;
		void _now;
		return JSON.stringify([report, rest]);
	}
	return JSON.stringify([report, params ?? null]);
}

export async function loadFigures(
	store: KeyValueStore | undefined,
	db: string
): Promise<CachedFigures | undefined> {
	try {
		const raw = await store?.get(PREFIX + db);
		if (!raw) return undefined;
		const f = JSON.parse(raw) as CachedFigures;
		return typeof f.at === 'number' && f.results && f.facets ? f : undefined;
	} catch {
		return undefined;
	}
}

/** Collects fresh results and writes them (with the state they came from) in one go. */
export class FiguresWriter {
	#figures: CachedFigures | undefined;
	#sizes = new Map<string, number>();

	constructor(
		private readonly store: KeyValueStore | undefined,
		private readonly db: string
	) {}

	/** A fresh result computed on the snapshot of `state`. */
	remember(
		state: SourceState,
		facets: CachedFigures['facets'],
		key: string,
		result: unknown
	): void {
		let text: string;
		try {
			text = JSON.stringify(result);
		} catch {
			return;
		}
		if (text === undefined || text.length > MAX_RESULT_CHARS) return;
		const f = (this.#figures ??= { at: state.at, customers: 0, facets, results: {} });
		f.at = state.at;
		f.customers = state.customers;
		f.facets = facets;
		delete f.results[key];
		this.#sizes.delete(key);
		f.results[key] = JSON.parse(text);
		this.#sizes.set(key, text.length);
		let total = 0;
		for (const n of this.#sizes.values()) total += n;
		for (const old of Object.keys(f.results)) {
			if (Object.keys(f.results).length <= MAX_ENTRIES && total <= MAX_TOTAL_CHARS) break;
			if (old === key) continue;
			total -= this.#sizes.get(old) ?? 0;
			this.#sizes.delete(old);
			delete f.results[old];
		}
	}

	/** Writes what was collected; storage errors (full, private mode) are ignored. */
	async save(): Promise<void> {
		if (!this.#figures) return;
		try {
			await this.store?.set(PREFIX + this.db, JSON.stringify(this.#figures));
		} catch {
			/* the cache is only a head start */
		}
	}
}

/** The cache's own IndexedDB database (one object store of strings). */
export function idbStore(name = 'fieldbook-report-figures'): KeyValueStore | undefined {
	const run = idbObjectStore(name, 'figures');
	if (!run) return undefined;
	return {
		get: (key) => run('readonly', (s) => s.get(key) as IDBRequest<string | undefined>),
		set: async (key, value) => void (await run('readwrite', (s) => s.put(value, key)))
	};
}
