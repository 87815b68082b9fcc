import { describe, expect, it } from 'vitest';
import { quantile, serviceReport } from './service';
import { customer, dataset, service } from './fixtures';

const H = 3_600_000;
const opened = 1_710_000_000_000;
const resolved = (id: string, hours: number, extra = {}) =>
	service(id, 'a', {
		openedAt: opened,
		resolvedAt: opened + hours * H,
		status: 'resolved',
		...extra
	});

const data = dataset({
	customers: [customer('a')],
	services: [
		resolved('s1', 1, { satisfaction: 5 }),
		resolved('s2', 10, { status: 'closed', satisfaction: 4 }),
		resolved('s3', 48, { satisfaction: 4 }),
		resolved('s4', 49),
		resolved('s5', 100, { satisfaction: 1 }),
		service('s6', 'a', { type: 'repair', status: 'open' }),
		service('s7', 'a', { type: 'repair', status: 'in_progress', satisfaction: 2 }),
		service('s8', 'a', { type: 'complaint', status: 'open' }),
		service('s9', 'a', { status: 'closed' }), // closed without resolvedAt: no time
		resolved('s10', 2, { _deleted: true })
	]
});

describe('quantile', () => {
	it('interpolates between ranks', () => {
		// [1,10,48,49,100]: p90 at rank 4×0.9 = 3.6 → 49 + 0.6 × 51 = 79.6
		expect(quantile([1, 10, 48, 49, 100], 0.9)).toBeCloseTo(79.6, 10);
		// even count: median halfway between 2 and 4
		expect(quantile([1, 2, 4, 8], 0.5)).toBe(3);
		expect(quantile([], 0.5)).toBeNull();
	});
});

describe('serviceReport', () => {
	const r = serviceReport(data);

	it('measures resolution of resolved and closed cases', () => {
		expect(r.cases).toBe(9);
		expect(r.resolved).toBe(5);
		expect(r.medianMs).toBe(48 * H);
		expect(r.p90Ms).toBeCloseTo(79.6 * H, 3);
		// within 48 h: 1, 10, 48 → 3 of 5
		expect(r.withinTarget).toBe(0.6);
	});

	it('takes another target', () => {
		// within 5 h: only 1 h → 1 of 5
		expect(serviceReport(data, { targetMs: 5 * H }).withinTarget).toBe(0.2);
	});

	it('counts the open backlog by type', () => {
		expect(r.backlogByType).toEqual({
			consultation: 0,
			after_sales: 0,
			complaint: 1,
			repair: 2,
			other: 0
		});
	});

	it('summarises satisfaction', () => {
		// 5 + 4 + 4 + 1 + 2 = 16 over 5
		expect(r.satisfaction).toEqual({
			average: 3.2,
			count: 5,
			distribution: { 1: 1, 2: 1, 3: 0, 4: 2, 5: 1 }
		});
	});
});
