import { describe, expect, it } from 'vitest';
import { visitSchema } from './visit';
import { AT, base, CUSTOMER_ID, issuesOf } from './test-records';

const visit = { ...base, customerId: CUSTOMER_ID, plannedAt: AT };
const checkIn = { at: AT, lat: 31.23, lng: 121.47, accuracy: 12 };

describe('visitSchema', () => {
	it('accepts a planned visit and a checked-in, checked-out one', () => {
		expect(visitSchema.safeParse(visit).success).toBe(true);
		expect(
			visitSchema.safeParse({
				...base,
				customerId: CUSTOMER_ID,
				checkIn,
				checkOut: AT + 1800_000,
				nextFollowUpAt: AT + 86_400_000
			}).success
		).toBe(true);
	});

	it('needs a planned time or a check-in', () => {
		expect(issuesOf(visitSchema.safeParse({ ...base, customerId: CUSTOMER_ID }))).toEqual([
			'plannedAt: err.visitNeedsTime'
		]);
	});

	it('refuses a check-out before the check-in, or without one', () => {
		expect(issuesOf(visitSchema.safeParse({ ...visit, checkIn, checkOut: AT - 1 }))).toEqual([
			'checkOut: err.checkOutBeforeCheckIn'
		]);
		expect(issuesOf(visitSchema.safeParse({ ...visit, checkOut: AT }))).toEqual([
			'checkOut: err.checkOutBeforeCheckIn'
		]);
	});

	it('bounds the check-in position', () => {
		expect(visitSchema.safeParse({ ...visit, checkIn: { ...checkIn, lat: -91 } }).success).toBe(
			false
		);
		expect(visitSchema.safeParse({ ...visit, checkIn: { ...checkIn, lng: 181 } }).success).toBe(
			false
		);
		expect(visitSchema.safeParse({ ...visit, checkIn: { ...checkIn, accuracy: -1 } }).success).toBe(
			false
		);
	});
});
