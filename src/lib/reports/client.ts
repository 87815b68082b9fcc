/** Runs reports off the main thread for large data sets, inline for small ones (and in Node). */
import type { Dataset } from './dataset';
import type { ReportRequest, ReportResponse } from './protocol';
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
