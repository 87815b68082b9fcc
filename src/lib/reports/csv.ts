/** CSV export of any report table, with a UTF-8 BOM so Excel reads Chinese correctly. */
import Papa from 'papaparse';

export interface TableColumn {
	key: string;
	label: string;
}

export interface ReportTable {
	columns: TableColumn[];
	rows: Record<string, unknown>[];
}

function cell(v: unknown): string | number | boolean {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? v : '';
	if (typeof v === 'string' || typeof v === 'boolean') return v;
	if (Array.isArray(v)) return v.map((x) => String(cell(x))).join('; ');
	return JSON.stringify(v);
}

/**
 * The table as CSV text: a header of labels, one line per row in column order, CRLF line
 * ends. Text starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a
 * formula; numbers are written as they are.
 */
export function toCsv(table: ReportTable): string {
	const data = table.rows.map((r) => table.columns.map((c) => cell(r[c.key])));
	return (
		'\uFEFF' +
		Papa.unparse(
			{ fields: table.columns.map((c) => c.label), data },
			{ escapeFormulae: true, newline: '\r\n' }
		)
	);
}
