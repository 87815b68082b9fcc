/** Service cards: resolution times against the target, open backlog by type, satisfaction. */
import { SERVICE_TYPES } from '$lib/domain';
import type { ServiceReport } from '$lib/reports';
import { simpleView, type Labels, type ReportView } from '../model';

const HOUR = 3_600_000;
const RATINGS = ['1', '2', '3', '4', '5'] as const;
const hours = (ms: number | null) => (ms === null ? null : ms / HOUR);

export function serviceViews(s: ServiceReport, l: Labels): ReportView[] {
	const resolution: ReportView = {
		id: 'resolution',
		title: l.t('reports.service.resolution'),
		note: l.t('reports.service.resolutionNote', { cases: s.cases, resolved: s.resolved }),
		chart: {
			kind: 'bar',
			labels: [
				l.t('reports.service.median'),
				l.t('reports.service.p90'),
				l.t('reports.service.target')
			],
			series: [
				{
					label: l.t('reports.col.hours'),
					values: [hours(s.medianMs), hours(s.p90Ms), hours(s.targetMs)]
				}
			],
			format: 'hours'
		},
		table: {
			columns: [
				{ key: 'figure', label: l.t('reports.col.figure') },
				{ key: 'value', label: l.t('reports.col.value') }
			],
			rows: [
				{ figure: l.t('reports.service.cases'), value: l.number(s.cases, 'count') },
				{ figure: l.t('reports.service.resolved'), value: l.number(s.resolved, 'count') },
				{
					figure: l.t('reports.service.median'),
					value: s.medianMs === null ? '—' : l.number(s.medianMs / HOUR, 'hours')
				},
				{
					figure: l.t('reports.service.p90'),
					value: s.p90Ms === null ? '—' : l.number(s.p90Ms / HOUR, 'hours')
				},
				{
					figure: l.t('reports.service.withinTarget', { hours: s.targetMs / HOUR }),
					value: s.withinTarget === null ? '—' : l.number(s.withinTarget, 'percent')
				},
				{
					figure: l.t('reports.service.satisfaction'),
					value: s.satisfaction.average === null ? '—' : l.number(s.satisfaction.average, 'rating')
				}
			]
		}
	};
	const backlog = simpleView(
		'backlog',
		l.t('reports.service.backlog'),
		l.t('reports.col.type'),
		{
			kind: 'bar',
			labels: SERVICE_TYPES.map((t) => l.t('services.types.' + t)),
			series: [
				{
					label: l.t('reports.col.cases'),
					values: SERVICE_TYPES.map((t) => s.backlogByType[t] ?? 0)
				}
			],
			format: 'count',
			drill: SERVICE_TYPES.map((t) => ({ kind: 'backlog', type: t }))
		},
		l.t('reports.service.backlogNote')
	);
	const satisfaction = simpleView(
		'satisfaction',
		l.t('reports.service.satisfactionDist'),
		l.t('reports.col.rating'),
		{
			kind: 'bar',
			labels: RATINGS.map((r) => '★'.repeat(Number(r))),
			series: [
				{
					label: l.t('reports.col.cases'),
					values: RATINGS.map((r) => s.satisfaction.distribution[r])
				}
			],
			format: 'count',
			drill: RATINGS.map((r) => ({ kind: 'rated', of: 'services', rating: Number(r) }))
		}
	);
	return [resolution, backlog, satisfaction];
}
