import { describe, expect, it } from 'vitest';
import { checkRecord } from './validate';
import {
	draftTotal,
	newOrderNo,
	numberFrom,
	orderDraft,
	orderInput,
	serviceDraft,
	serviceInput,
	visitDraft,
	visitInput
} from './drafts';
import { fromLocalInput, toLocalInput } from './datetime';

const customerId = '0190a4b2-0000-7000-8000-000000000001';

describe('order drafts', () => {
	it('computes the amount from the items and validates', () => {
		const d = {
			...orderDraft(),
			items: [
				{ product: 'Tea', quantity: '3', unitPrice: '12.5' },
				{ product: 'Cup', quantity: '2', unitPrice: '0.1' }
			]
		};
		const input = orderInput(d, customerId);
		expect(input.amount).toBe(37.7);
		expect(checkRecord('orders', input)).toEqual({});
	});

	it('reports unreadable and missing numbers at the item field', () => {
		const d = { ...orderDraft(), items: [{ product: '', quantity: 'three', unitPrice: '' }] };
		const errors = checkRecord('orders', orderInput(d, customerId));
		expect(errors['items.0.product']).toBe('err.required');
		expect(errors['items.0.quantity']).toBe('err.number');
		expect(errors['items.0.unitPrice']).toBe('err.number');
		expect(draftTotal(d.items)).toBe(0);
	});

	it('needs at least one item and a rating from 1 to 5', () => {
		const errors = checkRecord(
			'orders',
			orderInput({ ...orderDraft(), items: [], rating: '6' }, customerId)
		);
		expect(errors.items).toBe('err.noItems');
		expect(errors.rating).toBe('err.rating');
	});

	it('makes readable order numbers and reads numbers with separators', () => {
		expect(newOrderNo(new Date(2026, 10, 22), () => 0.5)).toBe('20261122-7FFF');
		expect(numberFrom(' 1,200.5 ')).toBe(1200.5);
		expect(numberFrom('')).toBeUndefined();
		expect(numberFrom('abc')).toBe('abc');
	});
});

describe('service drafts', () => {
	it('round-trips moments through datetime-local inputs', () => {
		const opened = new Date(2026, 10, 20, 9, 30).getTime();
		const d = serviceDraft(undefined, opened);
		expect(d.openedAt).toBe('2026-11-20T09:30');
		expect(serviceInput(d, customerId).openedAt).toBe(opened);
	});

	it('rejects a resolution before the opening, at resolvedAt', () => {
		const d = {
			...serviceDraft(undefined, new Date(2026, 10, 20).getTime()),
			resolvedAt: '2026-11-19T10:00'
		};
		expect(checkRecord('services', serviceInput(d, customerId)).resolvedAt).toBe(
			'err.resolvedBeforeOpened'
		);
	});
});

describe('visit drafts', () => {
	it('needs a planned time or a check-in', () => {
		expect(checkRecord('visits', visitInput(visitDraft(), customerId)).plannedAt).toBe(
			'err.visitNeedsTime'
		);
		const at = Date.now();
		const checkedIn = {
			...visitDraft(),
			checkIn: { at, lat: 31.2, lng: 121.5, accuracy: 12 },
			checkOut: at + 60_000
		};
		expect(checkRecord('visits', visitInput(checkedIn, customerId))).toEqual({});
	});

	it('rejects a check-out before the check-in', () => {
		const at = Date.now();
		const d = { ...visitDraft(), checkIn: { at, lat: 0, lng: 0, accuracy: 5 }, checkOut: at - 1 };
		expect(checkRecord('visits', visitInput(d, customerId)).checkOut).toBe(
			'err.checkOutBeforeCheckIn'
		);
	});
});

describe('datetime-local inputs', () => {
	it('formats and parses local moments', () => {
		const ms = new Date(2026, 0, 5, 7, 4).getTime();
		expect(toLocalInput(ms)).toBe('2026-01-05T07:04');
		expect(fromLocalInput('2026-01-05T07:04')).toBe(ms);
		expect(toLocalInput(undefined)).toBe('');
		expect(fromLocalInput('')).toBeUndefined();
	});

	it('turns unreadable or impossible values into NaN for the schema to reject', () => {
		expect(fromLocalInput('tomorrow')).toBeNaN();
		expect(fromLocalInput('2026-02-30T10:00')).toBeNaN();
	});
});
