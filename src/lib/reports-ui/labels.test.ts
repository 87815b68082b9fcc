import { describe, expect, it } from 'vitest';
import { makeLabels } from './labels';

const t = (key: string, o?: { values?: Record<string, string | number> }) =>
	key === 'reports.hours' ? `${o?.values?.n} h` : key;

describe('makeLabels', () => {
	it('formats money in CNY, shares as percentages and hours with one decimal', () => {
		const l = makeLabels(
			t,
			'en',
			(id) => id,
			(id) => id
		);
		expect(l.number(1234.5, 'money')).toBe('CN¥1,234.50');
		expect(l.number(0.125, 'percent')).toBe('12.5%');
		expect(l.number(36.25, 'hours')).toBe('36.3 h');
		expect(l.number(1234.4, 'count')).toBe('1,234');
		expect(l.compact(1_500_000, 'money')).toBe('CN¥1.5M');
	});

	it('uses the locale’s own currency sign in Chinese', () => {
		const l = makeLabels(
			t,
			'zh-CN',
			(id) => id,
			(id) => id
		);
		expect(l.number(88, 'money')).toBe('¥88.00');
		expect(l.compact(1_500_000, 'money')).toBe('¥150万');
	});
});
