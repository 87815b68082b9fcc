import { describe, expect, it } from 'vitest';
import { serviceSchema } from './service';
import { AT, base, CUSTOMER_ID, issuesOf } from './test-records';

const service = { ...base, customerId: CUSTOMER_ID, type: 'after_sales', openedAt: AT };

describe('serviceSchema', () => {
	it('accepts an open case and defaults its status', () => {
		expect(serviceSchema.parse(service).status).toBe('open');
	});

	it('accepts a resolved case with feedback and satisfaction', () => {
		const s = serviceSchema.parse({
			...service,
			resolvedAt: AT + 3600_000,
			status: 'resolved',
			satisfaction: 4,
			feedback: ' quick fix '
		});
		expect(s.feedback).toBe('quick fix');
	});

	it('refuses resolution before opening', () => {
		expect(issuesOf(serviceSchema.safeParse({ ...service, resolvedAt: AT - 1 }))).toEqual([
			'resolvedAt: err.resolvedBeforeOpened'
		]);
	});

	it('takes only the listed types and statuses, and satisfaction 1 to 5', () => {
		expect(issuesOf(serviceSchema.safeParse({ ...service, type: 'after-sales' }))).toEqual([
			'type: err.choice'
		]);
		expect(issuesOf(serviceSchema.safeParse({ ...service, status: 'done' }))).toEqual([
			'status: err.choice'
		]);
		expect(issuesOf(serviceSchema.safeParse({ ...service, satisfaction: 0 }))).toEqual([
			'satisfaction: err.rating'
		]);
	});

	it('needs openedAt as epoch milliseconds in range', () => {
		expect(issuesOf(serviceSchema.safeParse({ ...service, openedAt: '2024-05-01' }))).toEqual([
			'openedAt: err.number'
		]);
		expect(issuesOf(serviceSchema.safeParse({ ...service, openedAt: 1_000 }))).toEqual([
			'openedAt: err.momentRange'
		]);
	});
});
