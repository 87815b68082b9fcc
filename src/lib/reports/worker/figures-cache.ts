/**
 * The dashboard's last figures, kept on the device (a small IndexedDB database of their
 * own) per user database, so that `/reports` can show them at once while the worker reads
 * hundreds of thousands of records, then replace them with fresh ones. Results up to
 * `MAX_RESULT_CHARS` of JSON are kept (a dashboard, not a table of 50,000 customers), at
 * most `MAX_ENTRIES` and `MAX_TOTAL_CHARS` in all (a manager's dashboard is 1 + one per
 * rep), the least recently computed dropped first; the moment the records were read travels with
 * them, so the page can say how old they are.
 *
 * Each figure also keeps the `now` it was computed with, the latest `now` it holds for
 * (`figure-validity.ts`) and, once the records it was computed on are settled, their version
 * (`data-version.ts`). A figure whose version is the records' version read again later, at
 * a moment inside its bounds, is what computing it again would answer: `freshFigure`.
 */
import { idbObjectStore } from './idb-store';
import type { SourceState } from '../protocol';

/** Where the cache lives: `idbStore()` in the browser, a map in tests. */
export interface KeyValueStore {
	get(key: string): Promise<string | undefined>;
	set(key: string, value: string): Promise<void>;
}

export interface CachedFigure {
	result: unknown;
	/** The `now` it was computed with (absent: the report takes none). */
	now?: number;
	/** The latest `now` it holds for on the same records (`figure-validity.ts`). */
	validUntil?: number;
	/** The records' version, when they were settled (`data-version.ts`); absent otherwise. */
	data?: string;
}

export interface CachedFigures {
	/** When the records behind these figures were read (epoch ms). */
	at: number;
	customers: number;
	facets: { ownerIds: string[]; regions: string[]; tags: string[] };
	/** The records' version `customers` and `facets` were read from, when settled. */
	data?: string;
	/** Figure by `figureKey(report, params)`, newest last. */
	results: Record<string, CachedFigure>;
}

const PREFIX = 'fieldbook:report-figures:v2:';
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

const isFigure = (v: unknown): v is CachedFigure => !!v && typeof v === 'object' && 'result' in v;

export async function loadFigures(
	store: KeyValueStore | undefined,
	db: string
): Promise<CachedFigures | undefined> {
	try {
		const raw = await store?.get(PREFIX + db);
		if (!raw) return undefined;
		const f = JSON.parse(raw) as CachedFigures;
		return typeof f.at === 'number' &&
			f.results &&
			f.facets &&
			Object.values(f.results).every(isFigure)
			? f
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * The result kept for `key` if it is what the report would answer now: computed on the
 * records of version `data` (settled), with `now` inside its bounds.
 */
export function freshFigure(
	figures: CachedFigures | undefined,
	key: string,
	data: string | undefined,
	now: number
): { result: unknown } | undefined {
	const f = figures?.results[key];
	if (!f || data === undefined || f.data !== data || f.now === undefined) return undefined;
	return f.now <= now && now <= (f.validUntil ?? f.now) ? { result: f.result } : undefined;
}

/** How a fresh result was computed (`remember`). */
export interface FigureMeta {
	now?: number;
	validUntil?: number;
	/** The records' version if the state is settled already (else `settle` may add it later). */
	settled?: string;
}

/** Collects fresh results and writes them (with the state they came from) in one go. */
export class FiguresWriter {
	#figures: CachedFigures | undefined;
	#sizes = new Map<string, number>();
	/** The state each result of this visit was computed on (`SourceState.version`). */
	#stateOf = new Map<string, number>();
	#facetsState: number | undefined;

	constructor(
		private readonly store: KeyValueStore | undefined,
		private readonly db: string
	) {}

	/** What is kept (including what `seed` brought), for `freshFigure`. */
	get figures(): CachedFigures | undefined {
		return this.#figures;
	}

	/**
	 * Starts from the last visit's figures when their version is the records' version now
	 * (the entries of other versions are left out: they describe other records).
	 */
	seed(figures: CachedFigures, data: string): void {
		if (this.#figures) return;
		const results: Record<string, CachedFigure> = {};
		for (const [key, f] of Object.entries(figures.results)) {
			if (f.data !== data) continue;
			results[key] = f;
			this.#sizes.set(key, JSON.stringify(f.result)?.length ?? 0);
		}
		this.#figures = { ...figures, results };
	}

	/** A fresh result computed on the snapshot of `state`. */
	remember(
		state: SourceState,
		facets: CachedFigures['facets'],
		key: string,
		result: unknown,
		meta: FigureMeta = {}
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
		f.data = meta.settled;
		this.#facetsState = state.version;
		delete f.results[key];
		this.#sizes.delete(key);
		const figure: CachedFigure = { result: JSON.parse(text) };
		if (meta.now !== undefined) figure.now = meta.now;
		if (meta.validUntil !== undefined) figure.validUntil = meta.validUntil;
		if (meta.settled !== undefined) figure.data = meta.settled;
		f.results[key] = figure;
		this.#sizes.set(key, text.length);
		this.#stateOf.set(key, state.version);
		let total = 0;
		for (const n of this.#sizes.values()) total += n;
		for (const old of Object.keys(f.results)) {
			if (Object.keys(f.results).length <= MAX_ENTRIES && total <= MAX_TOTAL_CHARS) break;
			if (old === key) continue;
			total -= this.#sizes.get(old) ?? 0;
			this.#sizes.delete(old);
			this.#stateOf.delete(old);
			delete f.results[old];
		}
	}

	/**
	 * The records of state `stateVersion` (version `data`) are settled: its results, and the
	 * facets if they came from it, now carry that version. Answers whether anything changed.
	 */
	settle(stateVersion: number, data: string): boolean {
		const f = this.#figures;
		if (!f) return false;
		let changed = false;
		for (const [key, v] of this.#stateOf) {
			const figure = f.results[key];
			if (v !== stateVersion || !figure || figure.data === data) continue;
			figure.data = data;
			changed = true;
		}
		if (this.#facetsState === stateVersion && f.data !== data) {
			f.data = data;
			changed = true;
		}
		return changed;
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
