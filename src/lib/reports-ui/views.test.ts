import { describe, expect, it } from 'vitest';
import {
	crossTab,
	emptyDataset,
	overview,
	segmentation,
	toCsv,
	trends,
	type Overview
} from '$lib/reports';
import { at, customer, dataset, sale } from '$lib/reports/fixtures';
import {
	chartSummary,
	csvFileName,
	keyLabel,
	tableOfChart,
	topEntries,
	type ChartSpec
} from './model';
import { testLabels as l } from './test-labels';
import { crossView } from './views/cross';
import { overviewKpis, overviewViews, perRepView } from './views/overview';
import { segmentationViews } from './views/segmentation';
import { trendsFilter, trendViews } from './views/trends';

const NOW = at('2024-03-20T12:00');
const march = { from: at('2024-03-01T00:00'), to: at('2024-04-01T00:00') };
const data = dataset({
	customers: [
		customer('a', { stage: 'lead', grade: 'a', createdAt: at('2024-03-02T10:00') }),
		customer('b', { stage: 'customer', ownerId: 'rep2', createdAt: at('2024-03-03T10:00') })
	],
	orders: [
		sale('o1', 'a', '2024-03-10', 100),
		sale('o2', 'b', '2024-02-10', 40),
		sale('o3', 'b', '2024-03-12', 60)
	]
});

describe('overview views', () => {
	const o = overview(data, { now: NOW, filter: march });

	it('puts revenue, new customers and its change in the tiles', () => {
		const kpis = overviewKpis(o, l);
		const revenue = kpis.find((k) => k.key === 'revenue')!;
		// March: 100 + 60; the previous 31 days (from 29 Jan): 40; change (160 − 40) / 40 = 3.
		expect(revenue.value).toBe(160);
		expect(revenue.change).toBe(3);
		expect(kpis.find((k) => k.key === 'newCustomers')!.value).toBe(2);
	});

	it('draws stages in their defined order, each opening its customers', () => {
		const stages = overviewViews(o, l).find((v) => v.id === 'stages')!;
		expect(stages.chart!.labels).toEqual([
			'fields.stage.lead',
			'fields.stage.prospect',
			'fields.stage.customer',
			'fields.stage.inactive'
		]);
		expect(stages.chart!.series[0].values).toEqual([1, 0, 1, 0]);
		expect(stages.chart!.drill![2]).toEqual({
			kind: 'field',
			field: 'stage',
			value: 'customer',
			dated: false
		});
	});

	it('ranks reps by revenue in the per-rep view', () => {
		const rows = ['rep1', 'rep2'].map((id) => ({
			ownerId: id,
			overview: overview(data, { now: NOW, filter: { ...march, ownerIds: [id] } }) as Overview
		}));
		const v = perRepView(rows, l);
		expect(v.table.rows.map((r) => [r.rep, r.revenue])).toEqual([
			['owner:rep1', 100],
			['owner:rep2', 60]
		]);
		expect(v.chart!.drill![1]).toEqual({
			kind: 'field',
			field: 'owner',
			value: 'rep2',
			dated: false
		});
	});
});

describe('segmentation views', () => {
	it('lists each RFM segment with the customers in it', () => {
		const s = segmentation(data, { now: NOW, filter: march });
		const rfm = segmentationViews(s, l).find((v) => v.id === 'rfm')!;
		const total = rfm.chart!.series[0].values.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
		expect(total).toBe(2);
		const drilled = rfm.chart!.drill!.flatMap((d) => (d?.kind === 'ids' ? d.ids : []));
		expect([...drilled].sort()).toEqual(['a', 'b']);
	});
});

describe('trend views', () => {
	it('pairs each month with the same month last year as a muted series', () => {
		const tr = trends(data, { now: NOW, granularity: 'month', filter: march });
		const revenue = trendViews(tr, l)[0];
		expect(revenue.chart!.labels).toEqual(['2024-03']);
		expect(revenue.chart!.series.map((s) => [s.values, !!s.muted])).toEqual([
			[[160], false],
			[[0], true]
		]);
		expect(revenue.table.rows[0]).toMatchObject({
			bucket: '2024-03',
			lastKey: '2023-03',
			orders: 2
		});
	});
});

describe('trends filter', () => {
	it('keeps a period of six or more months and widens a shorter one to the last 12', () => {
		const year = { from: at('2024-01-01T00:00'), to: at('2024-07-01T00:00'), tags: ['vip'] };
		expect(trendsFilter(year, 'month')).toBe(year);
		expect(trendsFilter(march, 'month')).toEqual({ from: undefined, to: march.to });
		// March 2024 meets five ISO weeks (those of 26 Feb, 4, 11, 18 and 25 March).
		expect(trendsFilter(march, 'week')).toEqual({ from: undefined, to: march.to });
		expect(trendsFilter(year, 'week')).toBe(year);
	});
});

describe('cross view', () => {
	it('adds a total row and column and names enumeration keys', () => {
		const params = { rows: 'stage', columns: 'owner', measure: 'revenue' } as const;
		const v = crossView(crossTab(data, { ...params, filter: march }), params, l);
		expect(v.table.columns.map((c) => c.label)).toEqual([
			'reports.dim.stage \\ reports.dim.owner',
			'owner:rep1',
			'owner:rep2',
			'reports.cross.total'
		]);
		expect(v.table.rows.map((r) => [r.row, r.c0, r.c1, r.total])).toEqual([
			['fields.stage.lead', 100, 0, 100],
			['fields.stage.customer', 0, 60, 60],
			['reports.cross.total', 100, 60, 160]
		]);
	});
});

describe('model helpers', () => {
	const spec: ChartSpec = {
		kind: 'bar',
		labels: ['x', 'y', 'z'],
		series: [{ label: 'n', values: [1, null, 3] }],
		format: 'count'
	};

	it('summarises a chart for screen readers, cutting long ones short', () => {
		expect(chartSummary('T', spec, l, 2)).toBe('T. x: count:1; y: —; reports.andMore{"count":1}');
		expect(chartSummary('T', { ...spec, labels: [] }, l)).toBe('T: reports.noData');
	});

	it('turns a chart into the table behind it, which exports with its header', () => {
		const table = tableOfChart(spec, 'Label');
		expect(toCsv(table)).toBe('\uFEFFLabel,n\r\nx,1\r\ny,\r\nz,3');
	});

	it('names CSV files safely', () => {
		expect(csvFileName('sales', 'top customers/2', '2024-03-20')).toBe(
			'fieldbook-sales-top-customers-2-2024-03-20.csv'
		);
	});

	it('labels keys and orders counts', () => {
		expect(keyLabel('grade', 'none', l)).toBe('reports.none');
		expect(keyLabel('region', 'unknown', l)).toBe('reports.unknownRegion');
		expect(keyLabel('month', '2024-03', l)).toBe('2024-03');
		expect(topEntries({ b: 2, a: 2, c: 5 }, 2)).toEqual([
			['c', 5],
			['a', 2]
		]);
	});

	it('builds views for an empty device without failing', () => {
		const o = overview(emptyDataset(), { now: NOW });
		expect(overviewViews(o, l).map((v) => v.id)).toEqual(['figures', 'stages', 'revenue']);
	});
});
