/** Messages between the page and the report worker, and the worker's side of them. */
import type { Dataset } from './dataset';
import { isReportName, runReportInline, type ReportName } from './registry';

/**
 * A request to run `report`. `dataset` travels only when it changed (a new
 * `datasetVersion`); the worker keeps the last one it was sent.
 */
export interface ReportRequest {
	id: number;
	report: ReportName;
	params: unknown;
	datasetVersion: number;
	dataset?: Dataset;
}

export type ReportResponse = { id: number; result: unknown } | { id: number; error: string };

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
