/** Trend cards: revenue and new customers per week or month, beside the same period last year. */
import { bucketsBetween, type Granularity, type ReportFilter, type Trends } from '$lib/reports';
import type { Labels, ReportView } from '../model';

/** Fewer buckets than this make no trend: the last 12 up to the period's end are shown instead. */
const MIN_BUCKETS = 6;

/**
 * The filter trends run on: the period itself when it spans at least six weeks or months,
 * else the same filter without `from`, so the report shows the 12 buckets ending with it.
 */
export function trendsFilter(filter: ReportFilter, g: Granularity): ReportFilter {
	if (filter.from === undefined || filter.to === undefined) return filter;
	if (bucketsBetween(filter.from, filter.to, g).length >= MIN_BUCKETS) return filter;
	return { ...filter, from: undefined };
}

export function trendViews(
	tr: Trends,
	l: Labels,
	params?: { filter?: ReportFilter }
): ReportView[] {
	const note = l.t(
		params?.filter && params.filter.from === undefined
			? 'reports.trends.recent'
			: 'reports.trends.note',
		{ unit: l.t('reports.trends.units.' + tr.granularity) }
	);
	const labels = tr.buckets.map((b) => b.key);
	const thisLabel = l.t('reports.trends.thisPeriod');
	const lastLabel = l.t('reports.trends.lastYear');
	const bucketLabel = l.t(
		tr.granularity === 'week' ? 'reports.trends.week' : 'reports.trends.month'
	);
	const view = (id: 'revenue' | 'newCustomers', format: 'money' | 'count'): ReportView => {
		const drillNow = tr.buckets.map((b) =>
			id === 'revenue'
				? ({ kind: 'bought', from: b.start, to: b.end } as const)
				: ({ kind: 'created', from: b.start, to: b.end } as const)
		);
		const drillLast = tr.buckets.map((b) =>
			id === 'revenue'
				? ({ kind: 'bought', from: b.lastYear.start, to: b.lastYear.end } as const)
				: ({ kind: 'created', from: b.lastYear.start, to: b.lastYear.end } as const)
		);
		return {
			id,
			title: l.t(`reports.trends.${id}`),
			note,
			chart: {
				kind: 'line',
				labels,
				format,
				series: [
					{ label: thisLabel, values: tr.buckets.map((b) => b[id]), drill: drillNow },
					{
						label: lastLabel,
						values: tr.buckets.map((b) => b.lastYear[id]),
						drill: drillLast,
						muted: true
					}
				]
			},
			table: {
				columns: [
					{ key: 'bucket', label: bucketLabel },
					{ key: 'now', label: thisLabel, format },
					{ key: 'lastKey', label: l.t('reports.trends.lastYearBucket') },
					{ key: 'last', label: lastLabel, format },
					...(id === 'revenue'
						? [
								{ key: 'orders', label: l.t('reports.col.orders'), format: 'count' as const },
								{
									key: 'lastOrders',
									label: l.t('reports.trends.lastYearOrders'),
									format: 'count' as const
								}
							]
						: [])
				],
				rows: tr.buckets.map((b) => ({
					bucket: b.key,
					now: b[id],
					lastKey: b.lastYear.key,
					last: b.lastYear[id],
					orders: b.orders,
					lastOrders: b.lastYear.orders
				})),
				drill: drillNow
			}
		};
	};
	return [view('revenue', 'money'), view('newCustomers', 'count')];
}
