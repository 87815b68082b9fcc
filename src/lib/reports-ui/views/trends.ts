/** Trend cards: revenue and new customers per week or month, beside the same period last year. */
import type { Trends } from '$lib/reports';
import type { Labels, ReportView } from '../model';

export function trendViews(tr: Trends, l: Labels): ReportView[] {
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
			note: l.t('reports.trends.note'),
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
