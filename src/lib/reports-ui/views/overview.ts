/** Overview cards: key figures, customers by stage, revenue vs the previous period, per rep. */
import { STAGES } from '$lib/domain';
import type { Overview } from '$lib/reports';
import { simpleView, type Labels, type ReportView, type ViewTable } from '../model';

export interface Kpi {
	key: string;
	label: string;
	value: number;
	format: 'count' | 'money';
	/** Change vs the previous period (share, e.g. 0.25 = +25 %), when known. */
	change?: number | null;
	drill?: import('../drill').DrillQuery;
}

/** The figures at the top of the dashboard. */
export function overviewKpis(o: Overview, l: Labels): Kpi[] {
	return [
		{
			key: 'revenue',
			label: l.t('reports.overview.revenue'),
			value: o.revenue,
			format: 'money',
			change: o.revenueChange,
			drill: { kind: 'bought', from: o.period.from, to: o.period.to }
		},
		{
			key: 'newCustomers',
			label: l.t('reports.overview.newCustomers'),
			value: o.newCustomers,
			format: 'count',
			drill: { kind: 'created', from: o.period.from, to: o.period.to }
		},
		{
			key: 'customers',
			label: l.t('reports.overview.customers'),
			value: o.customers,
			format: 'count'
		},
		{
			key: 'openServices',
			label: l.t('reports.overview.openServices'),
			value: o.openServices,
			format: 'count'
		},
		{
			key: 'overdue',
			label: l.t('reports.overview.overdue'),
			value: o.overdueFollowUps,
			format: 'count',
			drill: { kind: 'ids', ids: o.overdueCustomerIds }
		}
	];
}

export function overviewViews(o: Overview, l: Labels): ReportView[] {
	const kpis = overviewKpis(o, l);
	const figures: ReportView = {
		id: 'figures',
		title: l.t('reports.overview.figures'),
		note: l.t('reports.period', { from: l.date(o.period.from), to: l.date(o.period.to - 1) }),
		table: {
			columns: [
				{ key: 'figure', label: l.t('reports.col.figure') },
				{ key: 'value', label: l.t('reports.col.value') }
			],
			rows: kpis.map((k) => ({ figure: k.label, value: l.number(k.value, k.format) })),
			drill: kpis.map((k) => k.drill)
		}
	};
	const stages = simpleView(
		'stages',
		l.t('reports.overview.byStage'),
		l.t('reports.dim.stage'),
		{
			kind: 'doughnut',
			labels: STAGES.map((s) => l.t('fields.stage.' + s)),
			series: [{ label: l.t('reports.col.customers'), values: STAGES.map((s) => o.byStage[s]) }],
			format: 'count',
			drill: STAGES.map((s) => ({ kind: 'field', field: 'stage', value: s, dated: false }))
		},
		l.t('reports.overview.byStageNote')
	);
	const revenue = simpleView(
		'revenue',
		l.t('reports.overview.revenueVs'),
		l.t('reports.col.period'),
		{
			kind: 'bar',
			labels: [l.t('reports.overview.previousPeriod'), l.t('reports.overview.thisPeriod')],
			series: [{ label: l.t('reports.col.revenue'), values: [o.previousRevenue, o.revenue] }],
			format: 'money',
			drill: [
				{ kind: 'bought', from: o.previous.from, to: o.previous.to },
				{ kind: 'bought', from: o.period.from, to: o.period.to }
			]
		},
		l.t('reports.overview.revenueNote')
	);
	return [figures, stages, revenue];
}

/** The team's figures per rep (manager view): one overview per owner. */
export function perRepView(rows: { ownerId: string; overview: Overview }[], l: Labels): ReportView {
	const sorted = [...rows].sort(
		(a, b) => b.overview.revenue - a.overview.revenue || a.ownerId.localeCompare(b.ownerId)
	);
	const names = sorted.map((r) => l.owner(r.ownerId));
	const drill = sorted.map(
		(r) => ({ kind: 'field', field: 'owner', value: r.ownerId, dated: false }) as const
	);
	const table: ViewTable = {
		columns: [
			{ key: 'rep', label: l.t('reports.col.rep') },
			{ key: 'customers', label: l.t('reports.overview.customers'), format: 'count' },
			{ key: 'newCustomers', label: l.t('reports.overview.newCustomers'), format: 'count' },
			{ key: 'revenue', label: l.t('reports.overview.revenue'), format: 'money' },
			{ key: 'openServices', label: l.t('reports.overview.openServices'), format: 'count' },
			{ key: 'overdue', label: l.t('reports.overview.overdue'), format: 'count' }
		],
		rows: sorted.map((r, i) => ({
			rep: names[i],
			customers: r.overview.customers,
			newCustomers: r.overview.newCustomers,
			revenue: r.overview.revenue,
			openServices: r.overview.openServices,
			overdue: r.overview.overdueFollowUps
		})),
		drill
	};
	return {
		id: 'per-rep',
		title: l.t('reports.overview.perRep'),
		chart: {
			kind: 'hbar',
			labels: names,
			series: [
				{ label: l.t('reports.overview.revenue'), values: sorted.map((r) => r.overview.revenue) }
			],
			format: 'money',
			drill
		},
		table
	};
}
