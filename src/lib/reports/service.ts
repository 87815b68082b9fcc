/** Service efficiency: resolution times, share resolved in time, open backlog, satisfaction. */
import { SERVICE_TYPES } from '../domain';
import { countKeys, ratingSummary, type Dataset } from './dataset';
import { applyFilter, type ReportFilter } from './filters';

export interface ServiceParams {
	filter?: ReportFilter;
	/** Resolution target in ms (default 48 h). */
	targetMs?: number;
}

export interface ServiceReport {
	cases: number;
	resolved: number;
	/** Resolution times (resolvedAt − openedAt, ms) of resolved or closed cases. */
	medianMs: number | null;
	p90Ms: number | null;
	targetMs: number;
	/** Share of resolved cases resolved within the target; null without any. */
	withinTarget: number | null;
	/** Open or in-progress cases by type. */
	backlogByType: Record<string, number>;
	satisfaction: ReturnType<typeof ratingSummary>;
}

/** The p-quantile (0–1) of sorted values, interpolating linearly between ranks. */
export function quantile(sorted: readonly number[], p: number): number | null {
	if (!sorted.length) return null;
	const pos = (sorted.length - 1) * p;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Cases opened in the date range; a resolved or closed case without `resolvedAt` has no time. */
export function serviceReport(
	data: Dataset,
	{ filter = {}, targetMs = 48 * 3_600_000 }: ServiceParams = {}
): ServiceReport {
	const d = applyFilter(data, filter);
	const durations = d.services
		.filter((s) => (s.status === 'resolved' || s.status === 'closed') && s.resolvedAt !== undefined)
		.map((s) => s.resolvedAt! - s.openedAt)
		.sort((a, b) => a - b);
	const backlog = d.services.filter((s) => s.status === 'open' || s.status === 'in_progress');
	return {
		cases: d.services.length,
		resolved: durations.length,
		medianMs: quantile(durations, 0.5),
		p90Ms: quantile(durations, 0.9),
		targetMs,
		withinTarget: durations.length
			? durations.filter((t) => t <= targetMs).length / durations.length
			: null,
		backlogByType: countKeys(
			backlog.map((s) => s.type),
			SERVICE_TYPES
		),
		satisfaction: ratingSummary(d.services.map((s) => s.satisfaction))
	};
}
