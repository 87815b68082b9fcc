/** Cross analysis card: the pivot as a table (with totals) and a stacked bar chart. */
import type { CrossParams, Pivot } from '$lib/reports';
import type { DrillQuery } from '../drill';
import { keyLabel, type Labels, type NumberFormat, type ReportView } from '../model';

/** Column series drawn in the chart; the table keeps all of them. */
const MAX_SERIES = 12;

export function crossView(
	p: Pivot,
	params: Pick<CrossParams, 'rows' | 'columns' | 'measure'>,
	l: Labels
): ReportView {
	const format: NumberFormat =
		params.measure === 'revenue' ? 'money' : params.measure === 'avgRating' ? 'rating' : 'count';
	const drill = (row: string | null, column: string | null): DrillQuery => ({
		kind: 'cross',
		rows: params.rows,
		columns: params.columns,
		row,
		column,
		unit: p.unit,
		measure: params.measure
	});
	const rowLabels = p.rows.map((r) => keyLabel(params.rows, r, l));
	const colLabels = p.columns.map((c) => keyLabel(params.columns, c, l));
	const total = l.t('reports.cross.total');
	return {
		id: `${params.rows}-${params.columns}-${params.measure}`,
		title: l.t('reports.cross.heading', {
			measure: l.t('reports.measure.' + params.measure),
			rows: l.t('reports.dim.' + params.rows),
			columns: l.t('reports.dim.' + params.columns)
		}),
		note: l.t(p.unit === 'customers' ? 'reports.cross.unitCustomers' : 'reports.cross.unitOrders'),
		chart: {
			kind: params.measure === 'avgRating' ? 'bar' : 'stacked',
			labels: rowLabels,
			format,
			series: p.columns.slice(0, MAX_SERIES).map((c, j) => ({
				label: colLabels[j],
				values: p.cells.map((row) => row[j]),
				drill: p.rows.map((r) => drill(r, c))
			})),
			drill: p.rows.map((r) => drill(r, null))
		},
		table: {
			columns: [
				{
					key: 'row',
					label: `${l.t('reports.dim.' + params.rows)} \\ ${l.t('reports.dim.' + params.columns)}`
				},
				...colLabels.map((label, j) => ({ key: `c${j}`, label, format })),
				{ key: 'total', label: total, format }
			],
			rows: [
				...p.rows.map((_, i) => ({
					row: rowLabels[i],
					...Object.fromEntries(p.cells[i].map((v, j) => [`c${j}`, v])),
					total: p.rowTotals[i]
				})),
				{
					row: total,
					...Object.fromEntries(p.columnTotals.map((v, j) => [`c${j}`, v])),
					total: p.total
				}
			],
			drill: [...p.rows.map((r) => drill(r, null)), drill(null, null)]
		}
	};
}
