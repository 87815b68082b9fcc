import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { scopeDataset } from './filters';
import { cloneDataset, customer, dataset, order, sale, service, visit } from './fixtures';
import {
	customerIndex,
	customerLinks,
	orderColumns,
	orderDays,
	productNames,
	revenueIndexes,
	serviceColumns,
	visitColumns
} from './indexes';
import { overview } from './overview';
import { sales } from './sales';

const base = () =>
	dataset({
		customers: [
			customer('a'),
			customer('b', { ownerId: 'r2' }),
			customer('gone', { _deleted: true })
		],
		orders: [
			sale('o1', 'a', '2024-03-01', 10),
			sale('o2', 'b', '2024-03-02', 20),
			sale('o3', 'gone', '2024-03-03', 40),
			sale('o4', 'a', '2024-03-04', 80, 'pending')
		],
		services: [service('s1', 'a'), service('s2', 'b')],
		visits: [visit('v1', 'b')]
	});

describe('links of children to customers', () => {
	it('are positions of live customers; tombstones and absent customers get -1', () => {
		const data = base();
		const orders = [...data.orders, order('o5', 'nobody', '2024-03-05')];
		expect([...customerLinks('orders', orders, data.customers)]).toEqual([0, 1, -1, 0, -1]);
	});

	it('after one order is replaced, only that order is linked again', () => {
		const data = base();
		const before = customerLinks('orders', data.orders, data.customers);
		const orders = [...data.orders];
		orders[1] = { ...orders[1], customerId: 'a' };
		const after = customerLinks('orders', orders, data.customers);
		expect(after).not.toBe(before);
		expect([...after]).toEqual([0, 0, -1, 0]);
		// The earlier snapshot's links are left as they were.
		expect([...before]).toEqual([0, 1, -1, 0]);
	});

	it('survive a customer edit that keeps ids and liveness, not a deletion', () => {
		const data = base();
		const links = customerLinks('services', data.services, data.customers);
		const renamed = [...data.customers];
		renamed[1] = { ...renamed[1], name: 'B renamed' };
		expect(customerIndex(renamed)).toBe(customerIndex(data.customers));
		expect(customerLinks('services', data.services, renamed)).toBe(links);

		const deleted = [...renamed];
		deleted[1] = { ...deleted[1], _deleted: true };
		expect(customerIndex(deleted)).not.toBe(customerIndex(renamed));
		expect([...customerLinks('services', data.services, deleted)]).toEqual([0, -1]);
	});
});

describe('order columns', () => {
	it('patch an edited order and rebuild when its number of lines changes', () => {
		const data = base();
		const cols = orderColumns(data.orders);
		expect([...cols.revenue]).toEqual([1, 1, 1, 0]);
		const edited = [...data.orders];
		edited[3] = { ...edited[3], status: 'paid', date: '2024-04-01' };
		const patched = orderColumns(edited);
		expect([...patched.revenue]).toEqual([1, 1, 1, 1]);
		expect(patched.day[3]).toBe(new Date(2024, 3, 1).getTime());
		expect(patched.day[0]).toBe(cols.day[0]);
		expect([...cols.revenue]).toEqual([1, 1, 1, 0]);

		const more = [...edited];
		more[0] = order('o1', 'a', '2024-03-01', [
			['x', 1, 5],
			['y', 2, 5]
		]);
		const rebuilt = orderColumns(more);
		expect([...rebuilt.itemStart]).toEqual([0, 2, 3, 4, 5]);
		expect(productNames[rebuilt.itemProduct[1]]).toBe('y');
		expect(rebuilt.itemValue[1]).toBe(10);
	});
});

describe('service and visit columns', () => {
	it('read each record once (NaN for no value) and patch an edited one', () => {
		const services = [
			service('s1', 'a', { status: 'resolved', openedAt: 10, resolvedAt: 30, satisfaction: 4 }),
			service('s2', 'a', { status: 'in_progress', openedAt: 20 })
		];
		const cols = serviceColumns(services);
		expect([...cols.open]).toEqual([0, 1]);
		expect([...cols.done]).toEqual([1, 0]);
		expect([...cols.resolvedAt]).toEqual([30, NaN]);
		expect([...cols.satisfaction]).toEqual([4, 0]);
		const edited = [services[0], { ...services[1], status: 'closed' as const, resolvedAt: 25 }];
		const patched = serviceColumns(edited);
		expect([...patched.done]).toEqual([1, 1]);
		expect([...patched.resolvedAt]).toEqual([30, 25]);
		expect([...cols.done]).toEqual([1, 0]);

		const visits = [
			visit('v1', 'a', { plannedAt: 5, checkIn: { at: 7, lat: 0, lng: 0, accuracy: 1 } }),
			visit('v2', 'a', { plannedAt: 9, nextFollowUpAt: 20 }),
			visit('v3', 'a')
		];
		const v = visitColumns(visits);
		expect([...v.checkedIn]).toEqual([1, 0, 0]);
		expect([...v.time]).toEqual([7, 9, NaN]);
		expect([...v.nextFollowUpAt]).toEqual([NaN, 20, NaN]);
	});
});

describe('snapshots after one collection changed', () => {
	it('reuse the scoped arrays (and work kept per array) of unchanged collections', () => {
		const first = base();
		const s1 = scopeDataset(first);
		const orders = [...first.orders];
		orders[0] = { ...orders[0], amount: 15, items: [{ product: 'p', quantity: 1, unitPrice: 15 }] };
		const second: Dataset = { ...first, orders };
		const s2 = scopeDataset(second);
		expect(s2).not.toBe(s1);
		expect(s2.customers).toBe(s1.customers);
		expect(s2.services).toBe(s1.services);
		expect(s2.visits).toBe(s1.visits);
		expect(s2.orders).not.toBe(s1.orders);
		expect(s2.orders.map((o) => o.amount)).toEqual([15, 20, 80]);
		expect([...revenueIndexes(s2.orders)]).toEqual([0, 1]);
		expect(orderDays(s2.orders)).not.toBe(orderDays(s1.orders));
	});

	it('give the same figures as a cold run on copies of the records', () => {
		const now = new Date(2024, 2, 20).getTime();
		const first = base();
		overview(first, { now });
		sales(first);
		const orders = [...first.orders];
		orders[3] = { ...orders[3], status: 'completed' };
		orders[1] = { ...orders[1], customerId: 'a' };
		const edited: Dataset = { ...first, orders };
		expect(overview(edited, { now })).toEqual(overview(cloneDataset(edited), { now }));
		expect(sales(edited)).toEqual(sales(cloneDataset(edited)));
		// 10 + 20 + 80 (o3 belongs to a deleted customer); all of it now a's.
		expect(sales(edited).revenue).toBe(110);
		expect(sales(edited).topCustomers.map((c) => [c.customerId, c.revenue])).toEqual([['a', 110]]);
	});
});
