import { describe, expect, it } from 'vitest';
import type { Order } from '../domain';
import type { Dataset } from './dataset';
import { scopeDataset } from './filters';
import { cloneDataset, customer, dataset, order, sale, service, visit } from './fixtures';
import {
	customerIndex,
	customerLinks,
	customerPositions,
	lineageOf,
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

describe('records added after the last array’s (a catch-up or sync appends them)', () => {
	it('keep the earlier values, patch the replaced ones and read only the added records', () => {
		const data = base();
		const cols = orderColumns(data.orders);
		const links = customerLinks('orders', data.orders, data.customers);
		const services = serviceColumns(data.services);
		const more = [
			...data.orders,
			order('o5', 'b', '2024-05-01', [
				['x', 2, 5],
				['y', 1, 1]
			]),
			sale('o6', 'nobody', '2024-05-02', 7)
		];
		more[3] = { ...more[3], status: 'paid' };
		const grown = orderColumns(more);
		const fresh = orderColumns(structuredClone(more));
		expect(grown).toEqual(fresh);
		expect([...grown.revenue]).toEqual([1, 1, 1, 1, 1, 1]);
		expect([...grown.itemStart]).toEqual([0, 1, 2, 3, 4, 6, 7]);
		expect(grown.itemValue[5]).toBe(1);
		expect([...cols.revenue]).toEqual([1, 1, 1, 0]);
		expect([...customerLinks('orders', more, data.customers)]).toEqual([0, 1, -1, 0, 1, -1]);
		expect([...links]).toEqual([0, 1, -1, 0]);

		const moreServices = [...data.services, service('s3', 'a', { status: 'closed' })];
		expect(serviceColumns(moreServices)).toEqual(serviceColumns(structuredClone(moreServices)));
		expect([...serviceColumns(moreServices).done]).toEqual([...services.done, 1]);
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

describe('after one order edit', () => {
	it('copies only the columns whose values changed and keeps the scoped array’s positions', () => {
		const first = base();
		const s1 = scopeDataset(first);
		const cols1 = orderColumns(first.orders);
		const links1 = customerLinks('orders', first.orders, first.customers);
		const revenue1 = revenueIndexes(s1.orders);
		const orders = [...first.orders];
		orders[1] = { ...orders[1], rating: 4 };
		const second: Dataset = { ...first, orders };
		const s2 = scopeDataset(second);
		const cols2 = orderColumns(second.orders);
		expect(cols2.rating).not.toBe(cols1.rating);
		expect([...cols2.rating]).toEqual([0, 4, 0, 0]);
		expect([...cols1.rating]).toEqual([0, 0, 0, 0]);
		for (const same of ['day', 'month', 'amount', 'revenue', 'itemProduct', 'itemValue'] as const)
			expect(cols2[same]).toBe(cols1[same]);
		expect(customerLinks('orders', second.orders, second.customers)).toBe(links1);
		// The scoped orders: a copy holding the new record, same positions, made from s1's.
		expect(s2.orders).not.toBe(s1.orders);
		expect(s2.orders[1]).toBe(orders[1]);
		expect(s1.orders[1]).toBe(first.orders[1]);
		expect(customerPositions(s2.orders)).toBe(customerPositions(s1.orders));
		expect(lineageOf(s2.orders)).toEqual({ before: s1.orders, changed: [1] });
		expect(revenueIndexes(s2.orders)).toBe(revenue1);
		// A status out of revenue changes the revenue positions.
		const third: Dataset = {
			...second,
			orders: second.orders.map((o, i) => (i === 0 ? { ...o, status: 'pending' as const } : o))
		};
		expect([...revenueIndexes(scopeDataset(third).orders)]).toEqual([1]);
		expect([...revenueIndexes(s2.orders)]).toEqual([0, 1]);
	});

	it('gives the overview (and every other report) a cold run gives, edit after edit (some adding an order)', () => {
		let state = 3;
		const rand = (n: number) => {
			state = (Math.imul(state, 1103515245) + 12345) >>> 0;
			return (state >>> 8) % n;
		};
		const statuses = ['paid', 'pending', 'cancelled', 'completed', 'shipped'] as const;
		const day = () => `2024-0${1 + rand(3)}-${String(1 + rand(28)).padStart(2, '0')}`;
		const customers = Array.from({ length: 30 }, (_, i) =>
			customer(`c${i}`, { _deleted: i === 29 })
		);
		let data: Dataset = dataset({
			customers,
			orders: Array.from({ length: 300 }, (_, i) =>
				sale(`o${i}`, `c${rand(31)}`, day(), rand(10_000) / 100, statuses[rand(5)])
			),
			visits: [visit('v1', 'c1', { plannedAt: 1, nextFollowUpAt: 2 })]
		});
		const now = new Date(2024, 2, 15).getTime();
		const filter = { from: new Date(2024, 1, 20).getTime(), to: now };
		const edits: ((o: Order) => Order)[] = [
			(o) => ({ ...o, status: statuses[rand(5)] }),
			(o) => ({
				...o,
				amount: o.amount + 0.1,
				items: [{ product: 'p', quantity: 1, unitPrice: o.amount + 0.1 }]
			}),
			(o) => ({ ...o, date: day() }),
			(o) => ({ ...o, rating: 1 + rand(5) }),
			(o) => ({ ...o, _deleted: !o._deleted }),
			(o) => ({ ...o, customerId: `c${rand(31)}` })
		];
		// Edits first, as the worker makes them (each snapshot from the one before), then cold
		// runs on copies: a cold run in between would be the snapshot the next one is diffed with.
		overview(data, { now, filter });
		const steps: { data: Dataset; figures: unknown[]; patched: boolean; added: boolean }[] = [];
		for (let step = 0; step < 60; step++) {
			const orders = [...data.orders];
			for (let n = 1 + rand(2); n > 0; n--) {
				const i = rand(orders.length);
				orders[i] = edits[rand(edits.length)](orders[i]);
			}
			// Now and then an order arrives too (appended, as sync and the worker's catch-up do).
			const added = rand(5) === 0;
			if (added)
				orders.push(sale(`n${step}`, `c${rand(31)}`, day(), rand(10_000) / 100, statuses[rand(5)]));
			data = { ...data, orders };
			const figures: unknown[] = [overview(data, { now, filter }), overview(data, { now })];
			if (step % 10 === 0) figures.push(sales(data, { filter }));
			steps.push({
				data,
				figures,
				patched: lineageOf(scopeDataset(data).orders) !== undefined,
				added
			});
		}
		// Most edits keep the order with its customer: those snapshots were patched (one that
		// adds an order is scoped afresh, its columns extended).
		const editsOnly = steps.filter((s) => !s.added);
		expect(editsOnly.filter((s) => s.patched).length).toBeGreaterThan(editsOnly.length / 2);
		expect(steps.filter((s) => s.added).length).toBeGreaterThan(5);
		for (const [step, { data, figures }] of steps.entries()) {
			const cold = cloneDataset(data);
			const coldFigures: unknown[] = [overview(cold, { now, filter }), overview(cold, { now })];
			if (step % 10 === 0) coldFigures.push(sales(cold, { filter }));
			expect(figures).toEqual(coldFigures);
		}
	});

	it('sums revenue in cents: 0.1 + 0.2 is 0.3, and amounts not in whole cents still add up', () => {
		const now = new Date(2024, 2, 20).getTime();
		const data = dataset({
			customers: [customer('a')],
			orders: [sale('o1', 'a', '2024-03-10', 0.1), sale('o2', 'a', '2024-03-11', 0.2)]
		});
		expect(overview(data, { now }).revenue).toBe(0.3);
		const odd = { ...data, orders: [...data.orders, sale('o3', 'a', '2024-03-12', 0.004)] };
		expect(overview(odd, { now }).revenue).toBe(0.3);
		const edited = {
			...odd,
			orders: [odd.orders[0], odd.orders[1], sale('o3', 'a', '2024-03-12', 1)]
		};
		expect(overview(edited, { now }).revenue).toBe(1.3);
	});
});
