/** Every report by name, so a worker (or a page) can run one from a message. */
import type { Dataset } from './dataset';
import { activity } from './activity';
import { campaignsReport } from './campaigns';
import { crossTab } from './cross';
import { overview } from './overview';
import { quality } from './quality';
import { recommend } from './recommend';
import { sales } from './sales';
import { segmentation } from './segmentation';
import { serviceReport } from './service';
import { trends } from './trends';

export const reports = {
	overview,
	segmentation,
	trends,
	sales,
	service: serviceReport,
	campaigns: campaignsReport,
	activity,
	quality,
	cross: crossTab,
	recommend
} as const;

export type ReportName = keyof typeof reports;
export type ReportParams<N extends ReportName> = Parameters<(typeof reports)[N]>[1];
export type ReportResult<N extends ReportName> = ReturnType<(typeof reports)[N]>;

export function isReportName(name: string): name is ReportName {
	return Object.hasOwn(reports, name);
}

/** Runs a report on this thread. */
export function runReportInline<N extends ReportName>(
	name: N,
	data: Dataset,
	params: ReportParams<N>
): ReportResult<N> {
	if (!isReportName(name)) throw new Error(`Unknown report "${String(name)}"`);
	const fn = reports[name] as (d: Dataset, p: ReportParams<N>) => ReportResult<N>;
	return fn(data, params);
}
