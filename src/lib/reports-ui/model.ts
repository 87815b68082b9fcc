/**
 * What a report card draws: a chart spec and the table behind it, both plain data built
 * by the pure `views/*` functions from a report's result, so they can be tested in Node.
 */
import type { ReportTable, TableColumn } from '$lib/reports';
import type { DrillQuery } from './drill';

/** How a number is shown: a count, money (CNY), a share 0–1, hours, a 1–5 rating. */
export type NumberFormat = 'count' | 'money' | 'percent' | 'hours' | 'rating';

export interface ViewColumn extends TableColumn {
	format?: NumberFormat;
}

export interface ViewTable extends ReportTable {
	columns: ViewColumn[];
	/** Per row, the customers it stands for (a tap opens them). */
	drill?: (DrillQuery | undefined)[];
}

export interface ChartSeries {
	label: string;
	values: (number | null)[];
	/** Per label, the customers behind this series' bar (else the chart's `drill`). */
	drill?: (DrillQuery | undefined)[];
	/** A muted series (e.g. last year) is drawn in the secondary colour. */
	muted?: boolean;
}

export interface ChartSpec {
	kind: 'bar' | 'hbar' | 'line' | 'doughnut' | 'stacked';
	labels: string[];
	series: ChartSeries[];
	format: NumberFormat;
	/** Per label, the customers behind the bar or slice. */
	drill?: (DrillQuery | undefined)[];
}

export interface ReportView {
	/** Stable id within the report (used for CSV file names and anchors). */
	id: string;
	title: string;
	/** One line under the title saying what the figure counts. */
	note?: string;
	chart?: ChartSpec;
	table: ViewTable;
}

/** The words and number formats a view needs, injected so views stay pure. */
export interface Labels {
	t(key: string, values?: Record<string, string | number>): string;
	number(n: number, format: NumberFormat): string;
	/** A short form for chart axes (¥1.5M, 150万). */
	compact(n: number, format: NumberFormat): string;
	date(t: number): string;
	/** An owner's name (team member), else a short id. */
	owner(id: string): string;
	/** A customer's name, else a short id. */
	customer(id: string): string;
}

/** Formats a cell or bar value; `—` for nothing. */
export function formatValue(labels: Labels, v: unknown, format: NumberFormat | undefined): string {
	if (v === null || v === undefined || v === '') return '—';
	if (typeof v === 'number') return format ? labels.number(v, format) : String(v);
	return String(v);
}

/**
 * The sentence a screen reader hears for a chart: its title, then each label with its
 * value(s), at most `max` labels and how many more.
 */
export function chartSummary(title: string, spec: ChartSpec, labels: Labels, max = 12): string {
	if (!spec.labels.length) return `${title}: ${labels.t('reports.noData')}`;
	const parts = spec.labels.slice(0, max).map((label, i) => {
		const values = spec.series.map((s) =>
			spec.series.length > 1
				? `${s.label} ${formatValue(labels, s.values[i], spec.format)}`
				: formatValue(labels, s.values[i], spec.format)
		);
		return `${label}: ${values.join(', ')}`;
	});
	const more = spec.labels.length - max;
	if (more > 0) parts.push(labels.t('reports.andMore', { count: more }));
	return `${title}. ${parts.join('; ')}`;
}

/** A table of one label column and one value column per series (the chart's own data). */
export function tableOfChart(spec: ChartSpec, labelColumn: string): ViewTable {
	return {
		columns: [
			{ key: 'label', label: labelColumn },
			...spec.series.map((s, i) => ({ key: `v${i}`, label: s.label, format: spec.format }))
		],
		rows: spec.labels.map((label, r) =>
			Object.fromEntries([['label', label], ...spec.series.map((s, i) => [`v${i}`, s.values[r]])])
		),
		drill: spec.drill
	};
}

/** A view whose table is its chart's data. */
export function simpleView(
	id: string,
	title: string,
	labelColumn: string,
	chart: ChartSpec,
	note?: string
): ReportView {
	return { id, title, note, chart, table: tableOfChart(chart, labelColumn) };
}

/** CSV file name: `fieldbook-<report>-<view>-<YYYY-MM-DD>.csv`, safe on every system. */
export function csvFileName(report: string, view: string, day: string): string {
	const safe = (s: string) => s.replace(/[^a-z0-9-]+/gi, '-').replace(/^-|-$/g, '');
	return `fieldbook-${safe(report)}-${safe(view)}-${day}.csv`;
}

/** What a dimension's key is called: enumerations translated, `none`/`unknown` in words. */
export function keyLabel(dim: string, key: string, l: Labels): string {
	if (key === 'none') return l.t('reports.none');
	if (dim === 'region' && key === 'unknown') return l.t('reports.unknownRegion');
	if (dim === 'stage' || dim === 'grade' || dim === 'source') return l.t(`fields.${dim}.${key}`);
	if (dim === 'owner') return l.owner(key);
	return key;
}

/** Entries of a count record, largest first (ties by key), at most `max`. */
export function topEntries(counts: Record<string, number>, max = Infinity): [string, number][] {
	return Object.entries(counts)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
		.slice(0, max);
}
