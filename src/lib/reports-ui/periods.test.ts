import { describe, expect, it } from 'vitest';
import { formatDay, parseDay, presetRange } from './periods';

const local = (s: string) => new Date(s).getTime();
const NOW = local('2024-05-15T14:30');

describe('presetRange', () => {
	it('this month runs from the 1st through the end of today', () => {
		expect(presetRange('thisMonth', NOW)).toEqual({
			from: local('2024-05-01T00:00'),
			to: local('2024-05-16T00:00')
		});
	});
	it('last 30 days are today and the 29 days before', () => {
		expect(presetRange('last30', NOW)).toEqual({
			from: local('2024-04-16T00:00'),
			to: local('2024-05-16T00:00')
		});
	});
	it('this quarter starts on the quarter’s first day', () => {
		expect(presetRange('thisQuarter', NOW)?.from).toBe(local('2024-04-01T00:00'));
	});
	it('this year starts on 1 January', () => {
		expect(presetRange('thisYear', NOW)?.from).toBe(local('2024-01-01T00:00'));
	});
	it('custom includes both days and waits for two valid, ordered dates', () => {
		expect(presetRange('custom', NOW, { from: '2024-02-28', to: '2024-03-01' })).toEqual({
			from: local('2024-02-28T00:00'),
			to: local('2024-03-02T00:00')
		});
		expect(presetRange('custom', NOW, { from: '2024-03-02', to: '2024-03-01' })).toBeUndefined();
		expect(presetRange('custom', NOW, { from: '', to: '2024-03-01' })).toBeUndefined();
	});
});

describe('days', () => {
	it('parses real dates only', () => {
		expect(parseDay('2024-02-29')).toBe(local('2024-02-29T00:00'));
		expect(parseDay('2023-02-29')).toBeUndefined();
		expect(parseDay('29/02/2024')).toBeUndefined();
	});
	it('formats the local day', () => {
		expect(formatDay(local('2024-01-05T23:59'))).toBe('2024-01-05');
	});
});
