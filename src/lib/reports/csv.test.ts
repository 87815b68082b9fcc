import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { toCsv } from './csv';

describe('toCsv', () => {
	const table = {
		columns: [
			{ key: 'name', label: '客户' },
			{ key: 'revenue', label: 'Revenue' },
			{ key: 'tags', label: 'Tags' }
		],
		rows: [
			{ name: '王小明, 深圳', revenue: -12.5, tags: ['vip', 'tea'], extra: 'ignored' },
			{ name: '=HYPERLINK("x")', revenue: null, tags: [] },
			{ name: 'He said "hi"\nthen left' }
		]
	};

	it('starts with a BOM and writes labels, then rows in column order', () => {
		const csv = toCsv(table);
		expect(csv.startsWith('\uFEFF客户,Revenue,Tags\r\n')).toBe(true);
		expect(csv.split('\r\n')[1]).toBe('"王小明, 深圳",-12.5,vip; tea');
	});

	it('defuses formulas and round-trips through a CSV reader', () => {
		const parsed = Papa.parse<string[]>(toCsv(table).slice(1)).data;
		expect(parsed).toEqual([
			['客户', 'Revenue', 'Tags'],
			['王小明, 深圳', '-12.5', 'vip; tea'],
			[`'=HYPERLINK("x")`, '', ''],
			['He said "hi"\nthen left', '', '']
		]);
	});
});
