/** Segmentation cards: customers by stage, grade, source, region and tag; RFM segments. */
import { GRADES, SOURCES, STAGES } from '$lib/domain';
import { RFM_SEGMENTS, type RfmSegment, type Segmentation } from '$lib/reports';
import type { CustomerField } from '../drill';
import {
	keyLabel,
	simpleView,
	topEntries,
	type ChartSpec,
	type Labels,
	type ReportView
} from '../model';

/** Bars or slices shown before the rest is left to the table. */
const TOP = 15;

function byField(
	field: CustomerField,
	entries: [string, number][],
	kind: ChartSpec['kind'],
	l: Labels
): ChartSpec {
	return {
		kind,
		labels: entries.map(([k]) => (field === 'tag' ? k : keyLabel(field, k, l))),
		series: [{ label: l.t('reports.col.customers'), values: entries.map(([, n]) => n) }],
		format: 'count',
		drill: entries.map(([value]) => ({ kind: 'field', field, value, dated: true }))
	};
}

const ordered = (keys: readonly string[], counts: Record<string, number>): [string, number][] =>
	[...keys, 'none']
		.filter((k) => k in counts && (counts[k] > 0 || keys.includes(k)))
		.map((k) => [k, counts[k]]);

export function segmentationViews(s: Segmentation, l: Labels): ReportView[] {
	const note = l.t('reports.segmentation.note', { count: s.customers });
	const tags = topEntries(s.byTag);
	const tagView = simpleView(
		'tags',
		l.t('reports.segmentation.byTag'),
		l.t('reports.dim.tag'),
		byField('tag', tags.slice(0, TOP), 'hbar', l),
		l.t('reports.segmentation.tagNote', { untagged: s.untagged })
	);
	tagView.table = {
		columns: tagView.table.columns,
		rows: tags.map(([k, n]) => ({ label: k, v0: n })),
		drill: tags.map(([value]) => ({ kind: 'field', field: 'tag', value, dated: true }))
	};
	const regions = topEntries(s.byRegion);
	const regionView = simpleView(
		'regions',
		l.t('reports.segmentation.byRegion'),
		l.t('reports.dim.region'),
		byField('region', regions.slice(0, TOP), 'hbar', l),
		l.t('reports.segmentation.regionNote')
	);
	regionView.table = {
		columns: regionView.table.columns,
		rows: regions.map(([k, n]) => ({ label: keyLabel('region', k, l), v0: n })),
		drill: regions.map(([value]) => ({ kind: 'field', field: 'region', value, dated: true }))
	};
	return [
		simpleView(
			'stages',
			l.t('reports.segmentation.byStage'),
			l.t('reports.dim.stage'),
			byField('stage', ordered(STAGES, s.byStage), 'doughnut', l),
			note
		),
		simpleView(
			'grades',
			l.t('reports.segmentation.byGrade'),
			l.t('reports.dim.grade'),
			byField('grade', ordered(GRADES, s.byGrade), 'bar', l)
		),
		simpleView(
			'sources',
			l.t('reports.segmentation.bySource'),
			l.t('reports.dim.source'),
			byField('source', ordered(SOURCES, s.bySource), 'hbar', l)
		),
		regionView,
		tagView,
		rfmView(s, l),
		rfmCustomersView(s, l)
	];
}

function rfmView(s: Segmentation, l: Labels): ReportView {
	const stats = (seg: RfmSegment) => {
		const rows = s.rfm.filter((r) => r.segment === seg);
		const avg = (f: (r: (typeof rows)[number]) => number) =>
			rows.length ? rows.reduce((a, r) => a + f(r), 0) / rows.length : null;
		return {
			rows,
			recency: avg((r) => r.recencyDays),
			frequency: avg((r) => r.frequency),
			monetary: rows.reduce((a, r) => a + r.monetary, 0)
		};
	};
	const all = RFM_SEGMENTS.map((seg) => ({ seg, ...stats(seg) }));
	const drill = RFM_SEGMENTS.map((seg) => ({ kind: 'ids', ids: s.segments[seg] }) as const);
	return {
		id: 'rfm',
		title: l.t('reports.segmentation.rfm'),
		note: l.t('reports.segmentation.rfmNote'),
		chart: {
			kind: 'bar',
			labels: RFM_SEGMENTS.map((seg) => l.t('reports.rfm.' + seg)),
			series: [{ label: l.t('reports.col.customers'), values: all.map((a) => a.rows.length) }],
			format: 'count',
			drill
		},
		table: {
			columns: [
				{ key: 'segment', label: l.t('reports.col.segment') },
				{ key: 'customers', label: l.t('reports.col.customers'), format: 'count' },
				{ key: 'recency', label: l.t('reports.col.avgRecency'), format: 'count' },
				{ key: 'frequency', label: l.t('reports.col.avgFrequency'), format: 'rating' },
				{ key: 'monetary', label: l.t('reports.col.revenue'), format: 'money' }
			],
			rows: all.map((a) => ({
				segment: l.t('reports.rfm.' + a.seg),
				customers: a.rows.length,
				recency: a.recency === null ? null : Math.round(a.recency),
				frequency: a.frequency,
				monetary: Math.round(a.monetary * 100) / 100
			})),
			drill
		}
	};
}

function rfmCustomersView(s: Segmentation, l: Labels): ReportView {
	const rows = [...s.rfm].sort(
		(a, b) => b.monetary - a.monetary || (a.customerId < b.customerId ? -1 : 1)
	);
	return {
		id: 'rfm-customers',
		title: l.t('reports.segmentation.rfmCustomers'),
		table: {
			columns: [
				{ key: 'customer', label: l.t('reports.col.customer') },
				{ key: 'segment', label: l.t('reports.col.segment') },
				{ key: 'recencyDays', label: l.t('reports.col.recencyDays'), format: 'count' },
				{ key: 'frequency', label: l.t('reports.col.frequency'), format: 'count' },
				{ key: 'monetary', label: l.t('reports.col.revenue'), format: 'money' },
				{ key: 'rfm', label: 'R/F/M' }
			],
			rows: rows.map((r) => ({
				customer: l.customer(r.customerId),
				segment: l.t('reports.rfm.' + r.segment),
				recencyDays: r.recencyDays,
				frequency: r.frequency,
				monetary: r.monetary,
				rfm: `${r.r}/${r.f}/${r.m}`
			})),
			drill: rows.map((r) => ({ kind: 'ids', ids: [r.customerId] }))
		}
	};
}
