/** Service efficiency: resolution times, share resolved in time, open backlog, satisfaction. */
import { SERVICE_TYPES, type Service } from '../domain';
import { countKeys, ratingSummaryAt, type Dataset, type ratingSummary } from './dataset';
import { applyFilter, type ReportFilter } from './filters';
import { rawRows, serviceColumns } from './indexes';

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
export function quantile(sorted: ArrayLike<number>, p: number): number | null {
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
	const { raw, row } = rawRows(d.services);
	const { durations, within, backlog } = resolutions(d.services, targetMs);
	const resolved = durations.length;
	durations.sort();
	return {
		cases: d.services.length,
		resolved,
		medianMs: quantile(durations, 0.5),
		p90Ms: quantile(durations, 0.9),
		targetMs,
		withinTarget: resolved ? within / resolved : null,
		backlogByType: countKeys(backlog, SERVICE_TYPES),
		satisfaction: ratingSummaryAt(serviceColumns(raw).satisfaction, row)
	};
}

/**
 * The resolution times of resolved or closed cases with a `resolvedAt` (in order), how many
 * are within the target, and the types of the open cases (a function of its own, so a first
 * round optimises this loop without the rest of the report).
 */
function resolutions(services: readonly Service[], targetMs: number) {
	const { raw, row } = rawRows(services);
	const { openedAt, resolvedAt, open, done } = serviceColumns(raw);
	let resolved = 0;
	const all = new Float64Array(row.length);
	const backlog: string[] = [];
	let within = 0;
	for (let i = 0; i < row.length; i++) {
		const r = row[i];
		if (done[r] === 1 && resolvedAt[r] === resolvedAt[r]) {
			const t = resolvedAt[r] - openedAt[r];
			all[resolved++] = t;
			if (t <= targetMs) within++;
		}
		if (open[r] === 1) backlog.push(services[i].type);
	}
	return { durations: all.subarray(0, resolved), within, backlog };
}
