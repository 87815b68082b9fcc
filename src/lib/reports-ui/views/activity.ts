/** Field activity cards: visits per rep per week, follow-ups, customers not contacted for a while. */
import type { Activity } from '$lib/reports';
import type { Labels, ReportView } from '../model';

const WEEK = 7 * 86_400_000;

export function activityViews(a: Activity, l: Labels): ReportView[] {
	const weeks = [...new Set(a.weeks.map((w) => w.week))].sort();
	const owners = [...new Set(a.weeks.map((w) => w.ownerId))].sort();
	const startOf = new Map(a.weeks.map((w) => [w.week, w.weekStart]));
	const cell = new Map(a.weeks.map((w) => [`${w.ownerId}\u0000${w.week}`, w]));
	const visitsPerWeek: ReportView = {
		id: 'visits-per-week',
		title: l.t('reports.activity.perWeek'),
		note: l.t('reports.activity.perWeekNote'),
		chart: {
			kind: 'stacked',
			labels: weeks,
			format: 'count',
			series: owners.map((o) => ({
				label: l.owner(o),
				values: weeks.map((w) => cell.get(`${o}\u0000${w}`)?.visits ?? 0),
				drill: weeks.map(
					(w) =>
						({
							kind: 'visited',
							ownerId: o,
							weekStart: startOf.get(w)!,
							weekEnd: startOf.get(w)! + WEEK
						}) as const
				)
			}))
		},
		table: {
			columns: [
				{ key: 'rep', label: l.t('reports.col.rep') },
				{ key: 'week', label: l.t('reports.trends.week') },
				{ key: 'visits', label: l.t('reports.activity.visits'), format: 'count' },
				{ key: 'checkIns', label: l.t('reports.activity.checkIns'), format: 'count' }
			],
			rows: a.weeks.map((w) => ({
				rep: l.owner(w.ownerId),
				week: w.week,
				visits: w.visits,
				checkIns: w.checkIns
			})),
			drill: a.weeks.map((w) => ({
				kind: 'visited',
				ownerId: w.ownerId,
				weekStart: w.weekStart,
				weekEnd: w.weekStart + WEEK
			}))
		}
	};
	const repDrill = a.reps.map((r) => ({ kind: 'visited', ownerId: r.ownerId }) as const);
	const reps: ReportView = {
		id: 'reps',
		title: l.t('reports.activity.perRep'),
		note: l.t('reports.activity.followUpNote', {
			due: a.followUpsDue,
			overdue: a.followUpsOverdue
		}),
		chart: {
			kind: 'hbar',
			labels: a.reps.map((r) => l.owner(r.ownerId)),
			format: 'count',
			series: [
				{
					label: l.t('reports.activity.visits'),
					values: a.reps.map((r) => r.visits),
					drill: repDrill
				},
				{
					label: l.t('reports.activity.checkIns'),
					values: a.reps.map((r) => r.checkIns),
					muted: true,
					drill: repDrill
				}
			],
			drill: repDrill
		},
		table: {
			columns: [
				{ key: 'rep', label: l.t('reports.col.rep') },
				{ key: 'visits', label: l.t('reports.activity.visits'), format: 'count' },
				{ key: 'checkIns', label: l.t('reports.activity.checkIns'), format: 'count' },
				{ key: 'due', label: l.t('reports.activity.due'), format: 'count' },
				{ key: 'overdue', label: l.t('reports.activity.overdue'), format: 'count' }
			],
			rows: a.reps.map((r) => ({
				rep: l.owner(r.ownerId),
				visits: r.visits,
				checkIns: r.checkIns,
				due: r.followUpsDue,
				overdue: r.followUpsOverdue
			})),
			drill: repDrill
		}
	};
	const quietDrill = a.notContacted.map((n) => ({ kind: 'ids', ids: n.customerIds }) as const);
	const quiet: ReportView = {
		id: 'not-contacted',
		title: l.t('reports.activity.notContacted'),
		note: l.t('reports.activity.notContactedNote'),
		chart: {
			kind: 'bar',
			labels: a.notContacted.map((n) => l.t('reports.activity.days', { days: n.days })),
			format: 'count',
			series: [
				{
					label: l.t('reports.col.customers'),
					values: a.notContacted.map((n) => n.customerIds.length)
				}
			],
			drill: quietDrill
		},
		table: {
			columns: [
				{ key: 'days', label: l.t('reports.activity.quietFor') },
				{ key: 'customers', label: l.t('reports.col.customers'), format: 'count' }
			],
			rows: a.notContacted.map((n) => ({
				days: l.t('reports.activity.days', { days: n.days }),
				customers: n.customerIds.length
			})),
			drill: quietDrill
		}
	};
	return [visitsPerWeek, reps, quiet];
}
