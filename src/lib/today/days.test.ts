import { describe, expect, it } from 'vitest';
import { daysBetween } from './days';

describe('daysBetween', () => {
	it('counts calendar days, not 24-hour spans', () => {
		const lateEvening = new Date(2026, 2, 28, 23, 30).getTime();
		const nextMorning = new Date(2026, 2, 29, 0, 30).getTime();
		expect(daysBetween(lateEvening, nextMorning)).toBe(1);
		expect(daysBetween(nextMorning, lateEvening)).toBe(-1);
		expect(daysBetween(new Date(2026, 0, 1).getTime(), new Date(2026, 11, 31, 12).getTime())).toBe(
			364
		);
	});
});
