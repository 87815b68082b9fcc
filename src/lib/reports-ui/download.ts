/** Saves a report table as a CSV file (UTF-8 with BOM, so Excel opens Chinese correctly). */
import { toCsv } from '$lib/reports';
import type { ViewTable } from './model';

/** Starts the browser download of `table` as `fileName`. */
export function downloadCsv(table: ViewTable, fileName: string): void {
	const blob = new Blob([toCsv({ columns: table.columns, rows: table.rows })], {
		type: 'text/csv;charset=utf-8'
	});
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
