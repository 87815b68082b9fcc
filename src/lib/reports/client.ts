/** Runs reports off the main thread for large data sets, inline for small ones (and in Node). */
import type { Dataset } from './dataset';
import type { ReportFilter } from './filters';
import type {
	ReportRequest,
	ReportResponse,
	SourceMessage,
	SourceRequest,
	SourceState
} from './protocol';
import { runReportInline, type ReportName, type ReportParams, type ReportResult } from './registry';

/** The part of a Worker the runner uses (a fake can stand in for tests). */
export interface WorkerLike {
	postMessage(message: ReportRequest): void;
	onmessage: ((e: { data: ReportResponse }) => void) | null;
	onerror: ((e: unknown) => void) | null;
	terminate(): void;
}

export interface ReportRunnerOptions {
	/** Datasets with more customers than this go to the worker (default 2,000). */
	threshold?: number;
	/** Makes the worker; undefined where there is none. */
	createWorker?: () => WorkerLike | undefined;
}

export interface ReportRunner {
	run<N extends ReportName>(
		name: N,
		data: Dataset,
		params: ReportParams<N>
	): Promise<ReportResult<N>>;
	dispose(): void;
}

function browserWorker(): WorkerLike | undefined {
	if (typeof Worker === 'undefined') return undefined;
	return new Worker(new URL('./worker.ts', import.meta.url), {
		type: 'module'
	}) as unknown as WorkerLike;
}

/**
 * A runner with one worker, made on first need. The dataset is posted only when a
 * different dataset object is passed, so build a new object when records change. If the
 * worker fails, waiting reports reject and later ones run inline.
 */
export function createReportRunner({
	threshold = 2000,
	createWorker = browserWorker
}: ReportRunnerOptions = {}): ReportRunner {
	let worker: WorkerLike | undefined;
	let broken = false;
	let nextId = 1;
	let sent: Dataset | undefined;
	let version = 0;
	const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

	const failAll = (message: string) => {
		broken = true;
		worker?.terminate();
		worker = undefined;
		for (const w of waiting.values()) w.reject(new Error(message));
		waiting.clear();
	};
	const getWorker = () => {
		if (worker || broken) return worker;
		try {
			worker = createWorker();
		} catch {
			broken = true;
		}
		if (!worker) return undefined;
		worker.onmessage = ({ data }) => {
			const w = waiting.get(data.id);
			if (!w) return;
			waiting.delete(data.id);
			if ('error' in data) w.reject(new Error(data.error));
			else w.resolve(data.result);
		};
		worker.onerror = () => failAll('The report worker stopped; reports now run on the page.');
		return worker;
	};

	return {
		run(name, data, params) {
			const w = data.customers.length > threshold ? getWorker() : undefined;
			if (!w) {
				try {
					return Promise.resolve(runReportInline(name, data, params));
				} catch (e) {
					return Promise.reject(e);
				}
			}
			const id = nextId++;
			const request: ReportRequest = { id, report: name, params, datasetVersion: version };
			if (data !== sent) {
				sent = data;
				request.datasetVersion = ++version;
				request.dataset = data;
			}
			return new Promise((resolve, reject) => {
				waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
				w.postMessage(request);
			});
		},
		dispose() {
			worker?.terminate();
			worker = undefined;
			sent = undefined;
			for (const w of waiting.values()) w.reject(new Error('The report runner was closed.'));
			waiting.clear();
		}
	};
}

let shared: ReportRunner | undefined;

/** Runs a report with the app's shared runner: in the worker when the data set is large. */
export function runReport<N extends ReportName>(
	name: N,
	data: Dataset,
	params: ReportParams<N>
): Promise<ReportResult<N>> {
	shared ??= createReportRunner();
	return shared.run(name, data, params);
}

/** A User Timing mark with details, where the platform has them (benchmarks read them). */
function mark(name: string, detail: unknown): void {
	try {
		performance.mark(name, { detail });
	} catch {
		/* no User Timing */
	}
}

/** The part of a Worker the dashboard's source uses (a fake can stand in for tests). */
export interface SourceWorkerLike {
	postMessage(message: SourceRequest): void;
	onmessage: ((e: { data: SourceMessage }) => void) | null;
	onerror: ((e: unknown) => void) | null;
	terminate(): void;
}

export interface ReportSource {
	/** Runs a report on the worker's latest records; rejects when `signal` aborts first. */
	run<N extends ReportName>(
		name: N,
		params: ReportParams<N>,
		signal?: AbortSignal
	): Promise<ReportResult<N>>;
	/**
	 * `run`, answering the result with the latest `now` it holds for on the same records
	 * (`worker/figure-validity.ts`; undefined when the report takes no `now`).
	 */
	runFigure<N extends ReportName>(
		name: N,
		params: ReportParams<N>,
		signal?: AbortSignal
	): Promise<{ result: ReportResult<N>; validUntil?: number }>;
	/** The customers behind a figure (a `DrillQuery`), from the worker's records. */
	drill<T>(filter: ReportFilter, query: unknown, signal?: AbortSignal): Promise<T[]>;
	dispose(): void;
}

export interface ReportSourceOptions {
	/** The RxDB database name of the signed-in user (`databaseName(userId)`). */
	databaseName: string;
	/** Each new snapshot's state (the first once the records are loaded). */
	onState(state: SourceState): void;
	/** The worker could not be made or could not read the records; nothing more will come. */
	onFailed(error: string): void;
	/** The worker starts reading once this settles (so a small read can go first). */
	openAfter?: Promise<unknown>;
	createWorker?: () => SourceWorkerLike | undefined;
}

/**
 * A report worker that reads the user's database itself (see `worker/rxdb-source.ts`):
 * the page sends parameters and receives results, never records. Undefined where there
 * are no module workers (the caller falls back to computing on the page).
 */
export function openReportSource({
	databaseName,
	onState,
	onFailed,
	openAfter = Promise.resolve(),
	createWorker = browserWorker as () => SourceWorkerLike | undefined
}: ReportSourceOptions): ReportSource | undefined {
	let worker: SourceWorkerLike | undefined;
	try {
		worker = createWorker();
	} catch {
		return undefined;
	}
	if (!worker) return undefined;
	const w = worker;
	let nextId = 1;
	let failed: string | undefined;
	const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	const fail = (message: string, notify = true) => {
		if (failed) return;
		failed = message;
		w.terminate();
		for (const p of waiting.values()) p.reject(new Error(message));
		waiting.clear();
		if (notify) onFailed(message);
	};
	w.onmessage = ({ data }) => {
		if (data.type === 'state') {
			if (data.state.load) mark('fieldbook:reports-loaded', data.state.load);
			const change = (data.state as { change?: object }).change;
			if (change)
				mark('fieldbook:reports-change', {
					...change,
					receivedAt: performance.timeOrigin + performance.now()
				});
			return onState(data.state);
		}
		if (data.type === 'failed') return fail(data.error);
		const p = waiting.get(data.id);
		if (!p) return;
		waiting.delete(data.id);
		mark('fieldbook:report-answer', {
			ms: data.ms,
			patched: (data as { patched?: boolean }).patched,
			postedAt: (data as { postedAt?: number }).postedAt,
			receivedAt: performance.timeOrigin + performance.now()
		});
		if ('error' in data) p.reject(new Error(data.error));
		else p.resolve({ result: data.result, validUntil: data.validUntil });
	};
	w.onerror = () => fail('The report worker stopped.');
	const start = () => {
		if (!failed) w.postMessage({ type: 'open', databaseName });
	};
	openAfter.then(start, start);

	const request = <T>(
		make: (id: number) => SourceRequest,
		signal: AbortSignal | undefined
	): Promise<T> => {
		if (failed) return Promise.reject(new Error(failed));
		if (signal?.aborted) return Promise.reject(new Error('cancelled'));
		const id = nextId++;
		return new Promise<T>((resolve, reject) => {
			waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
			signal?.addEventListener(
				'abort',
				() => {
					if (!waiting.delete(id)) return;
					reject(new Error('cancelled'));
					w.postMessage({ type: 'cancel', id });
				},
				{ once: true }
			);
			w.postMessage(make(id));
		});
	};

	const runFigure = <N extends ReportName>(
		name: N,
		params: ReportParams<N>,
		signal?: AbortSignal
	) => {
		mark('fieldbook:report-request', {
			report: name,
			sentAt: performance.timeOrigin + performance.now()
		});
		return request<{ result: ReportResult<N>; validUntil?: number }>(
			(id) => ({ type: 'run', id, report: name, params }),
			signal
		);
	};

	return {
		runFigure,
		run: (name, params, signal) => runFigure(name, params, signal).then((a) => a.result),
		drill(filter, query, signal) {
			return request<{ result: unknown }>(
				(id) => ({ type: 'drill', id, filter, query }),
				signal
			).then((a) => a.result as never);
		},
		dispose() {
			fail('The report source was closed.', false);
		}
	};
}
