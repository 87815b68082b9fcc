/** Messages between the page and the report worker, and the worker's side of them. */
import type { Dataset } from './dataset';
import type { ReportFilter } from './filters';
import { isReportName, runReportInline, type ReportName } from './registry';

/**
 * A request to run `report` on a dataset the page posts. `dataset` travels only when it
 * changed (a new `datasetVersion`); the worker keeps the last one it was sent. Used where
 * the page holds the records itself (a customer's recommendations).
 */
export interface ReportRequest {
	id: number;
	report: ReportName;
	params: unknown;
	datasetVersion: number;
	dataset?: Dataset;
}

export type ReportResponse = { id: number; result: unknown } | { id: number; error: string };

/**
 * The dashboard's messages, where the worker reads the records itself: `open` names the
 * user's database once; `run` and `drill` carry only parameters; `cancel` drops a request
 * whose answer nobody waits for any more (it is answered with an error if still queued).
 */
export type SourceRequest =
	| { type: 'open'; databaseName: string }
	| { type: 'run'; id: number; report: ReportName; params: unknown }
	| { type: 'drill'; id: number; filter: ReportFilter; query: unknown }
	| { type: 'cancel'; id: number };

/** What the worker knows about the records: sent after the first load and every change. */
export interface SourceState {
	/** Increases with every change. */
	version: number;
	/** When this snapshot was made (epoch ms): the "now" of reports. */
	at: number;
	/** Customer records on the device (tombstones of deletes made since loading included). */
	customers: number;
	/**
	 * The version of the records this state holds (`worker/data-version.ts`): with it the
	 * page knows when figures it kept still describe the records.
	 */
	data?: { version: string; lwt: number };
	/** On the first state: ms to open the database in the worker and to read the records. */
	load?: { openMs: number; readMs: number; records: number };
	/** Filter choices and customer names; sent only when customers changed. */
	facets?: {
		ownerIds: string[];
		regions: string[];
		tags: string[];
		names: Map<string, string>;
	};
}

export type SourceMessage =
	| { type: 'state'; state: SourceState }
	| { type: 'failed'; error: string }
	| ({
			type: 'answer';
			ms?: number;
			/** The latest `now` the answer holds for on the same records (`worker/figure-validity.ts`). */
			validUntil?: number;
	  } & ReportResponse);

/** The worker's state and answer to each request; never throws. */
export function createRequestHandler(): (req: ReportRequest) => ReportResponse {
	let held: { version: number; dataset: Dataset } | undefined;
	return (req) => {
		try {
			if (req.dataset) held = { version: req.datasetVersion, dataset: req.dataset };
			if (!held || held.version !== req.datasetVersion) {
				return { id: req.id, error: `Report worker has no dataset version ${req.datasetVersion}` };
			}
			if (!isReportName(req.report)) return { id: req.id, error: `Unknown report "${req.report}"` };
			return { id: req.id, result: runReportInline(req.report, held.dataset, req.params as never) };
		} catch (e) {
			return { id: req.id, error: e instanceof Error ? e.message : String(e) };
		}
	};
}

/** Errors as strings for messages. */
export function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
