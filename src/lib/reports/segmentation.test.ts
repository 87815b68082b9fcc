import { describe, expect, it } from 'vitest';
import { rankScores, recencyScore, segmentation } from './segmentation';
import { at, cloneDataset, customer, dataset, sale } from './fixtures';

const now = at('2024-06-30T12:00');
const data = dataset({
	customers: [
		customer('a', {
			stage: 'customer',
			grade: 'a',
			source: 'referral',
			address: { text: '广东省深圳市南山区' },
			interests: ['vip', 'tea'],
			createdAt: at('2024-05-05T10:00')
		}),
		customer('b', { address: { text: '北京市朝阳区' }, interests: ['tea'] }),
		customer('c', { stage: 'customer', grade: 'b', source: 'website' }),
		customer('d'),
		customer('f'),
		customer('g'),
		customer('z', { stage: 'prospect', _deleted: true })
	],
	orders: [
		sale('a1', 'a', '2024-06-20', 100),
		sale('a2', 'a', '2024-06-10', 200),
		sale('a3', 'a', '2024-05-01', 300),
		sale('b1', 'b', '2024-06-25', 50),
		sale('c1', 'c', '2023-12-01', 1000),
		sale('c2', 'c', '2023-11-01', 1000),
		sale('d1', 'd', '2024-04-15', 10),
		sale('d2', 'd', '2024-06-29', 999, 'pending'),
		sale('f1', 'f', '2023-01-10', 5),
		sale('g1', 'g', '2024-05-20', 30),
		sale('g2', 'g', '2024-05-25', 30),
		sale('g3', 'g', '2024-04-01', 30),
		sale('g4', 'g', '2024-03-01', 30),
		sale('z1', 'z', '2024-06-01', 70)
	]
});

describe('scores', () => {
	it('scores recency by fixed day thresholds', () => {
		expect([0, 30, 31, 60, 61, 90, 91, 180, 181].map(recencyScore)).toEqual([
			5, 5, 4, 4, 3, 3, 2, 2, 1
		]);
	});

	it('scores by mid-rank: ceil(5 × (below + equal/2) / n)', () => {
		// [1,1,1,2,3,4]: 1 → 5×1.5/6 = 1.25 → 2; 2 → 5×3.5/6 = 2.92 → 3; 3 → 3.75 → 4; 4 → 4.58 → 5
		expect(rankScores([1, 2, 1, 3, 1, 4])).toEqual([2, 3, 2, 4, 2, 5]);
		expect(rankScores([7])).toEqual([3]);
		expect(rankScores([])).toEqual([]);
	});

	it('scores as counting below and equal one by one would, ties, NaN and -0 included', () => {
		const byCounting = (values: number[]) =>
			values.map((v) => {
				const below = values.filter((w) => w < v).length;
				const equal = values.filter((w) => w === v).length;
				return Math.max(1, Math.ceil((5 * (below + equal / 2)) / values.length));
			});
		let seed = 7;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		for (let round = 0; round < 50; round++) {
			const values = Array.from({ length: 1 + Math.floor(next() * 40) }, () => {
				const x = next();
				return x < 0.05 ? NaN : x < 0.1 ? -0 : Math.floor(next() * 8) * 1.5;
			});
			expect(rankScores(values)).toEqual(byCounting(values));
		}
	});
});

describe('segmentation', () => {
	const r = segmentation(data, { now });

	it('counts live customers by each attribute', () => {
		expect(r.customers).toBe(6);
		expect(r.byStage).toEqual({ lead: 4, prospect: 0, customer: 2, inactive: 0 });
		expect(r.byGrade).toEqual({ a: 1, b: 1, c: 0, d: 0, none: 4 });
		expect(r.bySource).toMatchObject({ referral: 1, website: 1, walk_in: 0, none: 4 });
		expect(r.byRegion).toEqual({ 广东: 1, 北京: 1, unknown: 4 });
		expect(r.byTag).toEqual({ vip: 1, tea: 2 });
		expect(r.untagged).toBe(4);
	});

	it('computes RFM from revenue orders', () => {
		const row = Object.fromEntries(r.rfm.map((x) => [x.customerId, x]));
		// a: last Jun 20 → 10.5 days → 10; 3 orders; 100 + 200 + 300 = 600
		expect(row.a).toMatchObject({ recencyDays: 10, frequency: 3, monetary: 600, r: 5 });
		// c: Dec 1 → Jun 30 noon: 31+31+29+31+30+31+29 = 212 days (+ half a day)
		expect(row.c).toMatchObject({ recencyDays: 212, frequency: 2, monetary: 2000, r: 1 });
		// d: the pending order does not count; Apr 15 → Jun 30: 16+31+29 = 76 days
		expect(row.d).toMatchObject({ recencyDays: 76, frequency: 1, monetary: 10, r: 3 });
		// g: May 25 → Jun 30: 7 + 29 = 36 days
		expect(row.g).toMatchObject({ recencyDays: 36, frequency: 4, monetary: 120, r: 4 });
		// frequencies a3 b1 c2 d1 f1 g4 → F: a4 b2 c3 d2 f2 g5 (see the mid-rank test)
		// monetary sorted 5 f,10 d,50 b,120 g,600 a,2000 c → ceil(5×(k+½)/6): 1,2,3,3,4,5
		expect(r.rfm.map((x) => [x.customerId, x.f, x.m])).toEqual([
			['a', 4, 4],
			['b', 2, 3],
			['c', 3, 5],
			['d', 2, 2],
			['f', 2, 1],
			['g', 5, 3]
		]);
		expect(r.rfm.find((x) => x.customerId === 'z')).toBeUndefined();
	});

	it('names segments by the documented rule', () => {
		expect(r.segments).toEqual({
			champions: ['a'], // R5 F4 M4
			loyal: ['g'], // R4 F5 M3, 4 orders
			new: ['b'], // one order, R5
			at_risk: ['c'], // R1, F3 M5
			hibernating: ['f'], // R1 F2 M1
			others: ['d'] // one order, R3
		});
	});

	it('limits counts to customers created in the range and RFM to orders in it', () => {
		const ranged = segmentation(data, { now, filter: { from: at('2024-05-01T00:00') } });
		expect(ranged.customers).toBe(1);
		// a keeps Jun 20, Jun 10, May 1; b Jun 25; g May 20, 25; d's April order is out.
		expect(ranged.rfm.map((x) => [x.customerId, x.frequency])).toEqual([
			['a', 3],
			['b', 1],
			['g', 2]
		]);
	});
});

describe('customer counts after a customer edit', () => {
	it('follow the edited record (codes patched, not the earlier snapshot’s)', () => {
		const customers = [
			customer('a', { stage: 'lead', grade: 'a', address: { text: '广东省深圳市' } }),
			customer('b', { stage: 'customer', ownerId: 'r2' })
		];
		const first = dataset({ customers });
		const before = segmentation(first, { now: 0 });
		const edited = [customers[0], { ...customers[1], stage: 'lead' as const, grade: 'b' as const }];
		const second = { ...first, customers: edited };
		const after = segmentation(second, { now: 0 });
		expect(after.byStage).toEqual({ lead: 2, prospect: 0, customer: 0, inactive: 0 });
		expect(after.byGrade).toEqual({ a: 1, b: 1, c: 0, d: 0 });
		expect(before.byStage).toEqual({ lead: 1, prospect: 0, customer: 1, inactive: 0 });
		expect(after).toEqual(segmentation(cloneDataset(second), { now: 0 }));
	});
});
