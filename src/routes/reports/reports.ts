import { resolve } from '$app/paths';

/** The reports area's pages, in the order of the tabs (the overview is /reports itself). */
export const REPORT_PAGES = [
	'overview',
	'segmentation',
	'trends',
	'sales',
	'service',
	'campaigns',
	'activity',
	'quality',
	'cross'
] as const;
export type ReportPage = (typeof REPORT_PAGES)[number];

export function isReportPage(name: string): name is ReportPage {
	return (REPORT_PAGES as readonly string[]).includes(name);
}

export function reportHref(page: ReportPage): string {
	return page === 'overview' ? resolve('/reports') : resolve('/reports/[report]', { report: page });
}
