/** Campaign cards: the invited → joined → converted funnel per campaign, revenue and cost per conversion. */
import type { CampaignResult } from '$lib/reports';
import type { Labels, ReportView } from '../model';

export function campaignViews(cs: CampaignResult[], l: Labels): ReportView[] {
	const labels = cs.map((c) => c.name);
	const convertedDrill = cs.map((c) => ({ kind: 'ids', ids: c.convertedCustomerIds }) as const);
	const funnel: ReportView = {
		id: 'funnel',
		title: l.t('reports.campaigns.funnel'),
		note: l.t('reports.campaigns.funnelNote'),
		chart: {
			kind: 'bar',
			labels,
			format: 'count',
			series: [
				{
					label: l.t('fields.participation.invited'),
					values: cs.map((c) => c.invited),
					muted: true
				},
				{ label: l.t('fields.participation.joined'), values: cs.map((c) => c.joined) },
				{
					label: l.t('fields.participation.converted'),
					values: cs.map((c) => c.converted),
					drill: convertedDrill
				}
			],
			drill: convertedDrill
		},
		table: {
			columns: [
				{ key: 'name', label: l.t('reports.col.campaign') },
				{ key: 'dates', label: l.t('reports.col.dates') },
				{ key: 'invited', label: l.t('fields.participation.invited'), format: 'count' },
				{ key: 'joined', label: l.t('fields.participation.joined'), format: 'count' },
				{ key: 'converted', label: l.t('fields.participation.converted'), format: 'count' },
				{ key: 'joinRate', label: l.t('reports.campaigns.joinRate'), format: 'percent' },
				{
					key: 'conversionRate',
					label: l.t('reports.campaigns.conversionRate'),
					format: 'percent'
				},
				{ key: 'revenue', label: l.t('reports.campaigns.revenue'), format: 'money' },
				{ key: 'budget', label: l.t('reports.campaigns.budget'), format: 'money' },
				{
					key: 'costPerConversion',
					label: l.t('reports.campaigns.costPerConversion'),
					format: 'money'
				}
			],
			rows: cs.map((c) => ({
				name: c.name,
				dates: `${l.date(c.startsAt)} – ${l.date(c.endsAt)}`,
				invited: c.invited,
				joined: c.joined,
				converted: c.converted,
				joinRate: c.joinRate,
				conversionRate: c.conversionRate,
				revenue: c.revenue,
				budget: c.budget,
				costPerConversion: c.costPerConversion
			})),
			drill: convertedDrill
		}
	};
	const revenue: ReportView = {
		id: 'revenue',
		title: l.t('reports.campaigns.revenueTitle'),
		note: l.t('reports.campaigns.revenueNote'),
		chart: {
			kind: 'hbar',
			labels,
			format: 'money',
			series: [
				{ label: l.t('reports.campaigns.revenue'), values: cs.map((c) => c.revenue) },
				{ label: l.t('reports.campaigns.budget'), values: cs.map((c) => c.budget), muted: true }
			],
			drill: convertedDrill
		},
		table: funnel.table
	};
	return [funnel, revenue];
}
