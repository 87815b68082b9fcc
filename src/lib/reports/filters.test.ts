import { describe, expect, it } from 'vitest';
import { applyFilter, regionOf, scopeDataset, UNKNOWN_REGION } from './filters';
import {
	at,
	campaign,
	customer,
	dataset,
	order,
	participation,
	service,
	visit,
	checkIn
} from './fixtures';

const addr = (text: string) => ({ address: { text } });

describe('regionOf', () => {
	it.each([
		['广东省深圳市南山区科技园', '广东'],
		['北京市朝阳区建国路88号', '北京'],
		['中国上海市浦东新区', '上海'],
		['内蒙古自治区呼和浩特市', '内蒙古'],
		['黑龙江省哈尔滨市', '黑龙江'],
		['香港特别行政区中环', '香港'],
		['深圳市南山区', '深圳'],
		['5 Rue de la Paix, Lyon, France', 'France'],
		['Berlin Mitte', 'Berlin'],
		['   ', UNKNOWN_REGION],
		['  广西壮族自治区南宁市 ', '广西'],
		['中华人民共和国 山东省济南市', '山东'],
		['广州市天河区', '广州'],
		['山', '山']
	])('%s → %s', (text, region) => {
		expect(regionOf(addr(text))).toBe(region);
	});

	it('is unknown without an address', () => {
		expect(regionOf({})).toBe(UNKNOWN_REGION);
	});
});

describe('scopeDataset / applyFilter', () => {
	const data = dataset({
		customers: [
			customer('a', {
				ownerId: 'r1',
				interests: ['vip'],
				...addr('广东省广州市'),
				createdAt: at('2024-01-05T10:00')
			}),
			customer('b', { ownerId: 'r2', ...addr('北京市海淀区'), createdAt: at('2024-02-05T10:00') }),
			customer('gone', { ownerId: 'r1', _deleted: true })
		],
		orders: [
			order('o1', 'a', '2024-01-31'),
			order('o2', 'a', '2024-02-01'),
			order('o3', 'b', '2024-02-10'),
			order('o4', 'gone', '2024-02-10'),
			order('o5', 'a', '2024-02-11', undefined, { _deleted: true }),
			order('o6', 'nobody', '2024-02-11')
		],
		services: [service('s1', 'a', { openedAt: at('2024-02-01T00:00') })],
		visits: [
			visit('v1', 'b', { plannedAt: at('2024-01-20T10:00') }),
			visit('v2', 'b', { plannedAt: at('2024-01-20T10:00'), checkIn: checkIn('2024-02-02T10:00') })
		],
		campaigns: [
			campaign('jan', { startsAt: at('2024-01-01T00:00'), endsAt: at('2024-01-15T00:00') }),
			campaign('feb', { startsAt: at('2024-01-25T00:00'), endsAt: at('2024-02-15T00:00') })
		],
		participations: [
			participation('p1', 'jan', 'a', 'invited'),
			participation('p2', 'feb', 'a', 'joined')
		]
	});

	it('drops tombstones and children of absent customers', () => {
		const s = scopeDataset(data);
		expect(s.customers.map((c) => c.id)).toEqual(['a', 'b']);
		expect(s.orders.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
	});

	it('children follow their customer: owner, region, tag', () => {
		expect(scopeDataset(data, { ownerIds: ['r2'] }).orders.map((o) => o.id)).toEqual(['o3']);
		expect(scopeDataset(data, { regions: ['广东'] }).orders.map((o) => o.id)).toEqual(['o1', 'o2']);
		expect(scopeDataset(data, { tags: ['vip'] }).customers.map((c) => c.id)).toEqual(['a']);
		expect(scopeDataset(data, { tags: [] }).customers).toHaveLength(2);
	});

	it('applies the date range to each record own date, `to` exclusive', () => {
		const f = applyFilter(data, { from: at('2024-02-01T00:00'), to: at('2024-02-10T00:00') });
		expect(f.customers.map((c) => c.id)).toEqual(['b']);
		// o1 is dated the day before; o3 is dated on `to`, which is excluded.
		expect(f.orders.map((o) => o.id)).toEqual(['o2']);
		expect(f.services.map((s) => s.id)).toEqual(['s1']);
		// v1 was only planned in January; v2 checked in on Feb 2.
		expect(f.visits.map((v) => v.id)).toEqual(['v2']);
		// 'jan' ended before the range; 'feb' overlaps it.
		expect(f.campaigns.map((c) => c.id)).toEqual(['feb']);
		expect(f.participations.map((p) => p.id)).toEqual(['p2']);
		// a was created before the range, yet its orders still find it.
		expect(f.customerById.get('a')?.id).toBe('a');
	});
});

describe('remembering', () => {
	it('reuses a scope for the same snapshot and filter, and recomputes for a new snapshot', () => {
		const data = dataset({ customers: [customer('a'), customer('b', { ownerId: 'r2' })] });
		const first = scopeDataset(data, { ownerIds: ['r2'] });
		expect(scopeDataset(data, { ownerIds: ['r2'] })).toBe(first);
		expect(scopeDataset(data).customers).toHaveLength(2);
		const next = { ...data, customers: [customer('c', { ownerId: 'r2' })] };
		expect(scopeDataset(next, { ownerIds: ['r2'] }).customers.map((c) => c.id)).toEqual(['c']);
	});

	it("keeps the dashboard's own scope while a manager's per-rep scopes are computed", () => {
		const data = dataset({ customers: [customer('a'), customer('b', { ownerId: 'r2' })] });
		const own = scopeDataset(data, { regions: ['unknown'] });
		for (let rep = 0; rep < 40; rep++) scopeDataset(data, { ownerIds: [`rep${rep}`] });
		expect(scopeDataset(data, { regions: ['unknown'] })).toBe(own);
	});
});
