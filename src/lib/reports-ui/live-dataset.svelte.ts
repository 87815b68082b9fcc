/**
 * The records on the device as a live `Dataset` rune: subscribes to the collections of
 * the open database and publishes a new snapshot (debounced) whenever one changes, an
 * edit on this device or a sync arriving. Create it during component initialisation.
 */
import { COLLECTIONS, type CollectionName } from '$lib/domain/collections';
import type { FieldbookDb } from '$lib/db/database';
import { all$ } from '$lib/db/queries';
import type { Customer } from '$lib/domain';
import {
	emptyDataset,
	openReportSource,
	runReport,
	type Dataset,
	type ReportFilter,
	type ReportName,
	type ReportParams,
	type ReportResult,
	type ReportSource
} from '$lib/reports';
import type { SourceState } from '$lib/reports/protocol';
import {
	figureKey,
	FiguresWriter,
	freshFigure,
	idbStore,
	loadFigures,
	type CachedFigures
} from '$lib/reports/worker/figures-cache';
import {
	dexieName,
	readDataVersion,
	SETTLE_MS,
	type DataVersion
} from '$lib/reports/worker/data-version';
import { RX_SCHEMAS } from '$lib/domain/rx-schemas.generated';
import { drillCustomers, type DrillQuery } from './drill';
import { facetsOf, type Facets } from './facets';
import { SnapshotBuilder } from './snapshot';

export class LiveDataset {
	#data = $state.raw<Dataset>(emptyDataset());
	#ready = $state(false);
	#at = $state(0);

	constructor(
		db: () => FieldbookDb | undefined,
		collections: readonly CollectionName[] = COLLECTIONS,
		delayMs = 200
	) {
		$effect(() => {
			const open = db();
			if (!open) return;
			const builder = new SnapshotBuilder(
				collections,
				(data) => {
					this.#data = data;
					this.#at = Date.now();
					this.#ready = true;
				},
				delayMs
			);
			const subs = collections.map((c) =>
				all$(open, c).subscribe((records) => builder.update(c, records))
			);
			return () => {
				subs.forEach((s) => s.unsubscribe());
				builder.dispose();
			};
		});
	}

	/** The latest snapshot; a new object after every change. */
	get data(): Dataset {
		return this.#data;
	}

	/** False until every collection answered once. */
	get ready(): boolean {
		return this.#ready;
	}

	/** When the snapshot was taken (epoch ms): the "now" reports use. */
	get at(): number {
		return this.#at;
	}
}

/** How long the last figures wait for the records' version before they are shown as of their time. */
const VERSION_WAIT_MS = 300;

/** Local midnight of the day holding `t`. */
function dayOf(t: number): number {
	const d = new Date(t);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The version of the user's records, read straight from RxDB's tables (`data-version.ts`). */
export function readRecordsVersion(name: string): Promise<DataVersion | undefined> {
	return readDataVersion(COLLECTIONS, (c) =>
		dexieName(name, RX_SCHEMAS[c as CollectionName].version, c)
	);
}

/** Whether this platform can run the dashboard's worker over IndexedDB. */
function workerPlatform(): boolean {
	return typeof Worker !== 'undefined' && typeof indexedDB !== 'undefined';
}

/**
 * The dashboard's records and report runner. Where module workers exist, a report worker
 * opens the user's database itself and follows its changes (`openReportSource`): the page
 * holds no records and only sends parameters, so it stays responsive while 750,000
 * records load. Elsewhere, or if the worker fails, it falls back to a `LiveDataset` on the
 * page (`runReport`, inline). Create it during component initialisation.
 */
export class ReportsData {
	#mode = $state<'worker' | 'inline'>('inline');
	#source: ReportSource | undefined;
	#state = $state.raw<SourceState | undefined>(undefined);
	#facets = $state.raw<Facets>(facetsOf([]));
	/** The last visit's figures, shown until the worker has read the records. */
	#cached = $state.raw<CachedFigures | undefined>(undefined);
	/**
	 * Set when the last visit's figures were computed on the records as they are now (their
	 * settled version is the tables' version, read today): kept figures inside their time
	 * bounds are then fresh, and shown as such before the worker has read anything.
	 */
	#verified = $state.raw<{ version: string; at: number } | undefined>(undefined);
	/** A kept figure shown was not provably fresh: the page says how old the figures are. */
	#staleShown = $state(false);
	#writer: FiguresWriter | undefined;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	/** The state whose records are settled (`SETTLE_MS` after their latest write). */
	#settled: number | undefined;
	#settleTimer: ReturnType<typeof setTimeout> | undefined;
	/** Figures the worker was asked to compute in the background (`#warm`), by version and key. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
	#warmed = new Set<string>();
	/**
	 * Aborts the background computations still queued when the records change: the page
	 * asks again for the new records, and that request must not wait behind them.
	 */
	#warming = new AbortController();
	readonly #inline: LiveDataset;

	/**
	 * `databaseName` names the database for the worker as soon as it is known (the page
	 * may still be opening it): the worker then starts reading while the page boots.
	 */
	constructor(
		db: () => FieldbookDb | undefined,
		{
			useWorker = workerPlatform(),
			figures = idbStore(),
			databaseName = () => db()?.name
		}: {
			useWorker?: boolean;
			figures?: ReturnType<typeof idbStore>;
			databaseName?: () => string | undefined;
		} = {}
	) {
		this.#mode = useWorker ? 'worker' : 'inline';
		this.#inline = new LiveDataset(() => (this.#mode === 'inline' ? db() : undefined));
		$effect(() => {
			const name = databaseName();
			if (!name || this.#mode !== 'worker') return;
			let live = true;
			const writer = new FiguresWriter(figures, name);
			this.#writer = writer;
			// The last visit's figures and the records' version are read first: IndexedDB serves
			// the worker's large reads in the same queue, so these small ones would otherwise
			// wait behind them (at most 1 s). The version may wait behind a write: the figures
			// are shown (as of their time) after VERSION_WAIT_MS, and as fresh once it comes.
			performance.mark?.('fieldbook:reports-figures-start');
			const version = readRecordsVersion(name).then((v) => {
				performance.mark?.('fieldbook:reports-version-read');
				return v;
			});
			const verify = (f: CachedFigures, v: DataVersion | undefined): boolean => {
				const now = Date.now();
				if (!v || f.data !== v.version || dayOf(f.at) !== dayOf(now)) return false;
				if (!live || this.#state || this.#verified) return false;
				writer.seed(f, v.version);
				this.#verified = { version: v.version, at: now };
				// Figures are asked again for the new moment; those not fresh mark the page again.
				this.#staleShown = false;
				return true;
			};
			const cachedFigures = loadFigures(figures, name).then(async (f) => {
				const v = f
					? await Promise.race([
							version,
							new Promise<undefined>((r) => setTimeout(r, VERSION_WAIT_MS))
						])
					: undefined;
				const fresh = !!f && verify(f, v);
				performance.mark?.('fieldbook:reports-figures-read', {
					detail: { found: !!f, fresh }
				});
				if (live && f && !this.#state) {
					this.#cached = f;
					this.#facets = { ...f.facets, names: facetsOf([]).names };
					if (!fresh && !v) void version.then((late) => verify(f, late));
				}
			});
			const source = openReportSource({
				databaseName: name,
				openAfter: Promise.race([cachedFigures, new Promise((r) => setTimeout(r, 1000))]),
				onState: (state) => {
					if (state.data?.version !== (this.#state?.data?.version ?? this.#verified?.version)) {
						this.#warming.abort();
						this.#warming = new AbortController();
					}
					if (state.facets) this.#facets = state.facets;
					this.#cached = undefined;
					this.#staleShown = false;
					this.#state = state;
					this.#settleLater(state);
				},
				onFailed: (error) => {
					console.warn(`Reports run on the page: ${error}`);
					this.#cached = undefined;
					this.#mode = 'inline';
				}
			});
			if (!source) {
				this.#mode = 'inline';
				return;
			}
			this.#source = source;
			return () => {
				live = false;
				source.dispose();
				if (this.#saveTimer !== undefined) clearTimeout(this.#saveTimer);
				if (this.#settleTimer !== undefined) clearTimeout(this.#settleTimer);
				this.#saveTimer = this.#settleTimer = undefined;
				this.#settled = undefined;
				this.#warmed.clear();
				this.#warming.abort();
				this.#warming = new AbortController();
				void writer.save();
				this.#writer = undefined;
				this.#source = undefined;
				this.#state = undefined;
				this.#cached = undefined;
				this.#verified = undefined;
				this.#staleShown = false;
			};
		});
	}

	/** True once there are figures to show: the records were read, or the last visit's figures. */
	get ready(): boolean {
		return this.#mode === 'worker'
			? this.#state !== undefined || this.#cached !== undefined
			: this.#inline.ready;
	}

	/**
	 * The moment (epoch ms) of the records shown: the "now" reports use. While the last
	 * visit's figures are shown, theirs.
	 */
	get at(): number {
		return this.#mode === 'worker'
			? (this.#state?.at ?? this.#verified?.at ?? this.#cached?.at ?? 0)
			: this.#inline.at;
	}

	/**
	 * True while figures of the last visit that may be out of date are shown and the records
	 * are still being read (not when every figure shown is provably fresh).
	 */
	get stale(): boolean {
		return (
			this.#mode === 'worker' &&
			!this.#state &&
			this.#cached !== undefined &&
			(!this.#verified || this.#staleShown)
		);
	}

	/**
	 * The records the figures are computed on, as an identity that changes with every new
	 * snapshot (or the last visit's figures). Reading it makes an effect re-run on each, for
	 * work that asks with `run` later than the effect itself (`run` only tracks when called in it).
	 */
	get records(): object | undefined {
		return this.#mode === 'worker'
			? (this.#state ?? this.#verified ?? this.#cached)
			: this.#inline.data;
	}

	/** When the records behind stale figures were read (epoch ms). */
	get staleAt(): number {
		return this.#cached?.at ?? this.at;
	}

	/** Whether any customer record is on the device. */
	get hasData(): boolean {
		return this.#mode === 'worker'
			? (this.#state?.customers ?? this.#cached?.customers ?? 0) > 0
			: this.#inline.data.customers.length > 0;
	}

	/** Owners, regions and tags to filter by, and customer names. */
	get facets(): Facets {
		return this.#mode === 'worker' ? this.#facets : facetsOf(this.#inline.data.customers);
	}

	/** Where reports run now (for diagnostics and tests). */
	get mode(): 'worker' | 'inline' {
		return this.#mode;
	}

	/**
	 * Runs a report on the latest records. Reactive: called inside an effect or derived it
	 * re-runs when the records change. Until the worker has read the records, a figure the
	 * last visit computed with the same parameters is answered at once.
	 */
	run<N extends ReportName>(
		name: N,
		params: ReportParams<N>,
		signal?: AbortSignal
	): Promise<ReportResult<N>> {
		if (this.#mode === 'inline') return runReport(name, this.#inline.data, params);
		const state = this.#state; // re-run on every new snapshot
		const cached = this.#cached;
		const verified = this.#verified;
		const source = this.#source;
		if (!source) return Promise.reject(new Error('The records are not loaded yet.'));
		// Parameters may hold state proxies, which cannot be posted: send plain copies.
		const plain = $state.snapshot(params) as ReportParams<N>;
		const key = figureKey(name, plain);
		const now = (plain as { now?: unknown }).now;
		// A kept figure computed on these very records, inside its time bounds: fresh.
		const version = state ? state.data?.version : verified?.version;
		const fresh =
			typeof now === 'number' ? freshFigure(this.#writer?.figures, key, version, now) : undefined;
		if (fresh) {
			this.#warm(source, name, plain, key, version!);
			return Promise.resolve(fresh.result as ReportResult<N>);
		}
		if (!state && cached && key in cached.results) {
			this.#staleShown = true;
			return Promise.resolve(cached.results[key].result as ReportResult<N>);
		}
		return source.runFigure(name, plain, signal).then(({ result, validUntil }) => {
			this.#remember(key, result, typeof now === 'number' ? now : undefined, validUntil);
			return result;
		});
	}

	/**
	 * Has the worker compute a figure that was answered from the kept ones anyway, once per
	 * records' version, without waiting for it: its caches (scopes, columns) are then warm
	 * for the next change, as when it computed the figure shown.
	 */
	#warm<N extends ReportName>(
		source: ReportSource,
		name: N,
		params: ReportParams<N>,
		key: string,
		version: string
	): void {
		const id = `${version}\n${key}`;
		if (this.#warmed.has(id)) return;
		this.#warmed.add(id);
		source.runFigure(name, params, this.#warming.signal).then(
			({ result, validUntil }) => {
				const now = (params as { now?: unknown }).now;
				if (this.#state?.data?.version === version)
					this.#remember(key, result, typeof now === 'number' ? now : undefined, validUntil);
			},
			() => {
				/* closed or failed: nothing to warm */
			}
		);
	}

	/** Keeps a fresh figure for the next visit (written a moment later, in one go). */
	#remember(key: string, result: unknown, now?: number, validUntil?: number): void {
		const state = this.#state;
		const writer = this.#writer;
		if (!state || !writer) return;
		const f = this.#facets;
		const settled = this.#settled === state.version ? state.data?.version : undefined;
		writer.remember(
			state,
			{ ownerIds: f.ownerIds, regions: f.regions, tags: f.tags },
			key,
			result,
			{
				now,
				validUntil,
				settled
			}
		);
		this.#saveSoon();
	}

	#saveSoon(): void {
		const writer = this.#writer;
		if (!writer || this.#saveTimer !== undefined) return;
		this.#saveTimer = setTimeout(() => {
			this.#saveTimer = undefined;
			void writer.save();
		}, 1000);
	}

	/**
	 * Once no write is newer than `SETTLE_MS` (every write stamped before the latest one is
	 * in the state by then), the state's figures carry its version and are kept as such.
	 */
	#settleLater(state: SourceState): void {
		if (this.#settleTimer !== undefined) clearTimeout(this.#settleTimer);
		this.#settleTimer = undefined;
		const data = state.data;
		if (!data) return;
		const settle = () => {
			this.#settleTimer = undefined;
			if (this.#state?.version !== state.version) return;
			this.#settled = state.version;
			if (this.#writer?.settle(state.version, data.version)) this.#saveSoon();
		};
		const wait = data.lwt + SETTLE_MS - Date.now();
		if (wait <= 0) settle();
		else this.#settleTimer = setTimeout(settle, wait + 50);
	}

	/** The customers behind a figure, sorted by name (reactive like `run`). */
	drill(filter: ReportFilter, query: DrillQuery, signal?: AbortSignal): Promise<Customer[]> {
		if (this.#mode === 'inline') {
			try {
				return Promise.resolve(drillCustomers(this.#inline.data, filter, query));
			} catch (e) {
				return Promise.reject(e);
			}
		}
		void this.#state;
		const source = this.#source;
		if (!source) return Promise.reject(new Error('The records are not loaded yet.'));
		return source.drill<Customer>($state.snapshot(filter), $state.snapshot(query), signal);
	}
}
