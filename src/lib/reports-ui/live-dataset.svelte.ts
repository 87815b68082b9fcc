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
	idbStore,
	loadFigures,
	type CachedFigures
} from '$lib/reports/worker/figures-cache';
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
	#writer: FiguresWriter | undefined;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
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
			// The last visit's figures are read first: IndexedDB serves the worker's large reads
			// in the same queue, so this small one would otherwise wait behind them (at most 1 s).
			const cachedFigures = loadFigures(figures, name).then((f) => {
				performance.mark?.('fieldbook:reports-figures-read', { detail: { found: !!f } });
				if (live && f && !this.#state) {
					this.#cached = f;
					this.#facets = { ...f.facets, names: facetsOf([]).names };
				}
			});
			const source = openReportSource({
				databaseName: name,
				openAfter: Promise.race([cachedFigures, new Promise((r) => setTimeout(r, 1000))]),
				onState: (state) => {
					if (state.facets) this.#facets = state.facets;
					this.#cached = undefined;
					this.#state = state;
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
				this.#saveTimer = undefined;
				void writer.save();
				this.#writer = undefined;
				this.#source = undefined;
				this.#state = undefined;
				this.#cached = undefined;
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
		return this.#mode === 'worker' ? (this.#state?.at ?? this.#cached?.at ?? 0) : this.#inline.at;
	}

	/** True while the last visit's figures are shown and the records are still being read. */
	get stale(): boolean {
		return this.#mode === 'worker' && !this.#state && this.#cached !== undefined;
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
		const source = this.#source;
		if (!source) return Promise.reject(new Error('The records are not loaded yet.'));
		// Parameters may hold state proxies, which cannot be posted: send plain copies.
		const plain = $state.snapshot(params) as ReportParams<N>;
		const key = figureKey(name, plain);
		if (!state && cached && key in cached.results) {
			return Promise.resolve(cached.results[key] as ReportResult<N>);
		}
		return source.run(name, plain, signal).then((result) => {
			this.#remember(key, result);
			return result;
		});
	}

	/** Keeps a fresh figure for the next visit (written a moment later, in one go). */
	#remember(key: string, result: unknown): void {
		const state = this.#state;
		const writer = this.#writer;
		if (!state || !writer) return;
		const f = this.#facets;
		writer.remember(state, { ownerIds: f.ownerIds, regions: f.regions, tags: f.tags }, key, result);
		if (this.#saveTimer === undefined) {
			this.#saveTimer = setTimeout(() => {
				this.#saveTimer = undefined;
				void writer.save();
			}, 1000);
		}
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
