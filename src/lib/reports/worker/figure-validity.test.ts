import { describe, expect, it } from 'vitest';
import { at, customer, sale } from '../fixtures';
import { emptyDataset, type Dataset } from '../dataset';
import { overview } from '../overview';
import { figureValidUntil, NO_LIMIT, nextFollowUp } from './figure-validity';

const MARCH = { from: at('2024-03-01T00:00'), to: at('2024-04-01T00:00') };

function visit(id: string, customerId: string, plannedAt: number, nextFollowUpAt?: number) {
	return { id, customerId, plannedAt, nextFollowUpAt, updatedAt: plannedAt, _deleted: false };
}

function data(): Dataset {
	return {
		...emptyDataset(),
		customers: [customer('c1', { ownerId: 'rep1' }), customer('c2', { ownerId: 'rep1' })],
		orders: [sale('o1', 'c1', '2024-03-05', 100)],
		visits: [
			visit('v1', 'c1', at('2024-03-02T10:00'), at('2024-03-10T09:00')),
			visit('v2', 'c2', at('2024-03-03T10:00'), at('2024-03-25T09:00')),
			visit('v3', 'c2', at('2024-03-04T10:00'))
		] as never
	};
}

describe('figure validity', () => {
	it('finds the first follow-up at or after now', () => {
		const d = data();
		expect(nextFollowUp(d.visits, at('2024-03-01T00:00'))).toBe(at('2024-03-10T09:00'));
		expect(nextFollowUp(d.visits, at('2024-03-10T09:00'))).toBe(at('2024-03-10T09:00'));
		expect(nextFollowUp(d.visits, at('2024-03-10T09:01'))).toBe(at('2024-03-25T09:00'));
		expect(nextFollowUp(d.visits, at('2024-03-26T00:00'))).toBe(NO_LIMIT);
	});

	it('bounds an overview with a period by the next follow-up date, and it holds until then', () => {
		const d = data();
		const t0 = at('2024-03-12T08:00');
		const params = { now: t0, filter: MARCH };
		const until = figureValidUntil('overview', d, params)!;
		expect(until).toBe(at('2024-03-25T09:00'));
		const first = overview(d, params);
		expect(overview(d, { now: until, filter: MARCH })).toEqual(first);
		expect(overview(d, { now: until + 1, filter: MARCH })).not.toEqual(first);
	});

	it('holds other reports, and an overview without a period, only at their own now', () => {
		const d = data();
		const now = at('2024-03-12T08:00');
		expect(figureValidUntil('overview', d, { now })).toBe(now);
		expect(figureValidUntil('activity', d, { now, filter: MARCH })).toBe(now);
		expect(figureValidUntil('sales', d, { filter: MARCH })).toBeUndefined();
	});
});
