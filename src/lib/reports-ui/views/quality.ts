/** Data quality cards: completeness per field, likely duplicates, leads without a follow-up. */
import type { Quality } from '$lib/reports';
import type { Labels, ReportView } from '../model';

export function qualityViews(q: Quality, l: Labels): ReportView[] {
	const fieldDrill = q.completeness.map((c) => ({ kind: 'missing', field: c.field }) as const);
	const completeness: ReportView = {
		id: 'completeness',
		title: l.t('reports.quality.completeness'),
		note: l.t('reports.quality.completenessNote', { count: q.customers }),
		chart: {
			kind: 'hbar',
			labels: q.completeness.map((c) => l.t('reports.quality.field.' + c.field)),
			format: 'percent',
			series: [
				{ label: l.t('reports.quality.filled'), values: q.completeness.map((c) => c.share) }
			],
			drill: fieldDrill
		},
		table: {
			columns: [
				{ key: 'field', label: l.t('reports.col.field') },
				{ key: 'filled', label: l.t('reports.col.customers'), format: 'count' },
				{ key: 'missing', label: l.t('reports.quality.missing'), format: 'count' },
				{ key: 'share', label: l.t('reports.quality.filled'), format: 'percent' }
			],
			rows: q.completeness.map((c) => ({
				field: l.t('reports.quality.field.' + c.field),
				filled: c.filled,
				missing: q.customers - c.filled,
				share: c.share
			})),
			drill: fieldDrill
		}
	};
	const duplicates: ReportView = {
		id: 'duplicates',
		title: l.t('reports.quality.duplicates'),
		note: l.t('reports.quality.duplicatesNote', { groups: q.duplicates.length }),
		table: {
			columns: [
				{ key: 'customers', label: l.t('reports.col.customers') },
				{ key: 'reasons', label: l.t('reports.quality.reasons') }
			],
			rows: q.duplicates.map((g) => ({
				customers: g.customerIds.map((id) => l.customer(id)).join(' · '),
				reasons: g.reasons.map((r) => l.t('reports.quality.reason.' + r)).join(', ')
			})),
			drill: q.duplicates.map((g) => ({ kind: 'ids', ids: g.customerIds }))
		}
	};
	const followUp: ReportView = {
		id: 'missing-follow-up',
		title: l.t('reports.quality.missingFollowUp'),
		note: l.t('reports.quality.missingFollowUpNote'),
		table: {
			columns: [
				{ key: 'figure', label: l.t('reports.col.figure') },
				{ key: 'customers', label: l.t('reports.col.customers'), format: 'count' }
			],
			rows: [
				{ figure: l.t('reports.quality.missingFollowUp'), customers: q.missingFollowUp.length }
			],
			drill: [{ kind: 'ids', ids: q.missingFollowUp }]
		}
	};
	return [completeness, duplicates, followUp];
}
