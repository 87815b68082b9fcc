import { describe, expect, it } from 'vitest';
import {
	countKeys,
	countKeysAt,
	dayKey,
	dayStart,
	dayStartOfKey,
	ratingCode,
	ratingSummary,
	ratingSummaryAt
} from './dataset';

describe('ratingSummaryAt', () => {
	it('equals ratingSummary of the coded values at the rows (only 1–5 count)', () => {
		const values = [5, undefined, 3, 0, 4.5, 1, 2, 5, 6, -1, null as unknown as number];
		const codes = Uint8Array.from(values, ratingCode);
		expect([...codes]).toEqual([5, 0, 3, 6, 6, 1, 2, 5, 6, 6, 6]);
		const rows = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 2]);
		expect(ratingSummaryAt(codes, rows)).toEqual(ratingSummary([...rows].map((r) => values[r])));
		expect(ratingSummaryAt(codes, rows).count).toBe(7);
	});

	it('has no average without ratings', () => {
		expect(ratingSummaryAt(new Uint8Array([0]), Int32Array.from([0]))).toEqual(
			ratingSummary([undefined])
		);
	});
});

describe('dayStart', () => {
	it('is local midnight, on leap days and for malformed dates too', () => {
		expect(dayStart('2024-02-29')).toBe(new Date(2024, 1, 29).getTime());
		expect(dayStart('2023-03-01')).toBe(new Date(2023, 2, 1).getTime());
		expect(dayStart('1899-12-31')).toBe(new Date(1899, 11, 31).getTime());
		expect(dayStart('2024-2-5')).toBe(new Date(2024, 1, 5).getTime());
		expect(dayStart('not a date')).toBeNaN();
	});
});

describe('dayKey', () => {
	it('orders dates as the calendar does and gives dayStart back', () => {
		const dates = [
			'1900-01-01',
			'1999-12-31',
			'2024-02-29',
			'2024-02-30',
			'2024-03-01',
			'2199-12-31'
		];
		const keys = dates.map(dayKey);
		expect([...keys].sort((a, b) => a - b)).toEqual(keys);
		dates.forEach((d, i) => expect(dayStartOfKey(keys[i])).toBe(dayStart(d)));
		// Day 30 of February is read as JavaScript reads it: 1 March.
		expect(dayStartOfKey(dayKey('2024-02-30'))).toBe(new Date(2024, 2, 1).getTime());
		for (const other of ['1899-12-31', '2200-01-01', '2024-2-5', '2024-13-01', '2024-01-00', 'x'])
			expect(dayKey(other)).toBe(-1);
	});
});

describe('countKeys', () => {
	it('counts tags named like Object’s own properties as any other tag', () => {
		const counts = countKeys(['constructor', 'toString', '__proto__', 'vip', 'constructor'], ['a']);
		expect(Object.keys(counts)).toEqual(['a', 'constructor', 'toString', '__proto__', 'vip']);
		expect(Object.values(counts)).toEqual([0, 2, 1, 1, 1]);
		expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
	});
});

describe('countKeysAt', () => {
	it('gives what countKeys gives, odd keys included', () => {
		const names = ['b', 'a', 'constructor', '__proto__', '10', '2', 'toString'];
		const codes = Int32Array.from([0, 1, 2, 2, 3, 4, 5, 0, 6, 6, 1, 4]);
		const rows = Int32Array.from([11, 3, 2, 0, 1, 4, 5, 6, 7, 8, 9, 10, 3]);
		const keys = [...rows].map((r) => names[codes[r]]);
		expect(countKeysAt(codes, rows, names, ['z', 'a'])).toEqual(countKeys(keys, ['z', 'a']));
		expect(Object.keys(countKeysAt(codes, rows, names))).toEqual(Object.keys(countKeys(keys)));
	});
});
