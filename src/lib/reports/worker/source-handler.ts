/**
 * The worker's side of the dashboard protocol: holds the records (from a `RecordSource`),
 * tells the page about every new snapshot, and answers `run` and `drill` requests on the
 * latest one. Requests queue while a report computes and are answered one per task, so a
 * request the page cancelled meanwhile (a newer snapshot or filter superseded it) is skipped.
 */
import type { CollectionName } from '$lib/domain/collections';
import type { Customer } from '$lib/domain';
import { drillCustomers, type DrillQuery } from '$lib/reports-ui/drill';
import { facetsOf } from '$lib/reports-ui/facets';
import type { Dataset } from '../dataset';
import { errorText, type SourceMessage, type SourceRequest, type SourceState } from '../protocol';
import { isReportName, runReportInline } from '../registry';
import type { DataVersion } from './data-version';
import { figureValidUntil } from './figure-validity';
import { OverviewPatcher, type PatchSource } from './overview-patch';
import type { Overview, OverviewParams } from '../overview';

/** Where the records come from: opened once, then reports each new snapshot. */
export interface RecordSource {
	readonly dataset: { readonly data: Dataset; readonly version: number };
	open(): Promise<void>;
	/** How long opening and the first read took (sent with the first state). */
	readonly timings?: SourceState['load'];
	/** When the latest snapshot's first change arrived and was applied (epoch ms). */
	readonly lastChange?: { eventAt: number; appliedAt: number };
	/** The version of the records held (`data-version.ts`), sent with every state. */
	readonly dataVersion?: DataVersion;
}

/** Epoch ms on the worker's clock (comparable with the page's `timeOrigin + now()`). */
const epoch = () => performance.timeOrigin + performance.now();

export type OpenSource = (
	databaseName: string,
	changed: (collections: readonly CollectionName[]) => void
) => RecordSource;

export interface SourceHandlerOptions {
	openSource: OpenSource;
	post(message: SourceMessage): void;
	now?: () => number;
	/** Runs the queue later (after messages already waiting were received). */
	defer?: (fn: () => void) => void;
}

export function createSourceHandler({
	openSource,
	post,
	now = Date.now,
	defer = (fn) => setTimeout(fn, 0)
}: SourceHandlerOptions): (req: SourceRequest) => void {
	let source: RecordSource | undefined;
	/** Overviews after orders changed, patched from the last (when the source keeps its changes). */
	let patcher: OverviewPatcher | undefined;
	let ready = false;
	const queue: Exclude<SourceRequest, { type: 'open' | 'cancel' }>[] = [];
	let scheduled = false;

	/**
	 * Answers one request per task, so that cancels, new requests and change events that
	 * arrived meanwhile are received before the next one is computed.
	 */
	const drain = () => {
		scheduled = false;
		if (!source || !ready) return;
		const req = queue.shift();
		if (!req) return;
		if (queue.length) schedule();
		const data = source.dataset.data;
		const started = performance.now();
		try {
			if (req.type === 'run') {
				if (!isReportName(req.report)) throw new Error(`Unknown report "${req.report}"`);
				let result: unknown;
				let patched = false;
				if (req.report === 'overview' && patcher) {
					const params = req.params as OverviewParams;
					const quick = patcher.patch(data, params);
					patched = quick !== undefined;
					result = quick ?? runReportInline('overview', data, params);
					patcher.keep(data, params, result as Overview);
				} else result = runReportInline(req.report, data, req.params as never);
				const ms = performance.now() - started;
				const answer: SourceMessage & { postedAt: number } = {
					type: 'answer',
					id: req.id,
					result,
					ms,
					validUntil: figureValidUntil(req.report, data, req.params),
					postedAt: epoch()
				};
				// For benchmarks: whether the overview was patched rather than computed.
				if (patched) Object.assign(answer, { patched });
				post(answer);
			} else {
				const customers: Customer[] = drillCustomers(data, req.filter, req.query as DrillQuery);
				post({ type: 'answer', id: req.id, result: customers, ms: performance.now() - started });
			}
		} catch (e) {
			post({ type: 'answer', id: req.id, error: errorText(e) });
		}
	};
	const schedule = () => {
		if (scheduled) return;
		scheduled = true;
		defer(drain);
	};

	const changed = (collections: readonly CollectionName[]) => {
		if (!source) return;
		const data = source.dataset.data;
		const state: SourceState = {
			version: source.dataset.version,
			at: now(),
			customers: data.customers.length
		};
		if (source.dataVersion) state.data = source.dataVersion;
		if (!ready) state.load = source.timings;
		// Timings for benchmarks (extra fields travel with the message).
		else if (source.lastChange)
			Object.assign(state, { change: { ...source.lastChange, postedAt: epoch() } });
		if (!ready || collections.includes('customers')) {
			const f = facetsOf(data.customers);
			state.facets = {
				ownerIds: f.ownerIds,
				regions: f.regions,
				tags: f.tags,
				names: f.names as Map<string, string>
			};
		}
		ready = true;
		post({ type: 'state', state });
		schedule();
	};

	return (req) => {
		switch (req.type) {
			case 'open':
				if (source) return;
				source = openSource(req.databaseName, changed);
				{
					const d = source.dataset as Partial<PatchSource>;
					if (typeof d.changesBetween === 'function' && typeof d.find === 'function')
						patcher = new OverviewPatcher(d as PatchSource);
				}
				source.open().catch((e: unknown) => post({ type: 'failed', error: errorText(e) }));
				return;
			case 'cancel':
				// The page already gave up on it: drop it unanswered.
				if (queue.some((q) => q.id === req.id))
					queue.splice(
						queue.findIndex((q) => q.id === req.id),
						1
					);
				return;
			default:
				queue.push(req);
				schedule();
		}
	};
}
