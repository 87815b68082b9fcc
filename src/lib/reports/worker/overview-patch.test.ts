import { describe, expect, it } from 'vitest';
import type { Order } from '$lib/domain';
import { at, cloneDataset, customer, sale, visit } from '../fixtures';
import type { Dataset } from '../dataset';
import { overview, type OverviewParams } from '../overview';
import { DeltaDataset } from './deltas';
import { OverviewPatcher } from './overview-patch';

const MARCH = { from: at('2024-03-01T00:00'), to: at('2024-04-01T00:00') };
const NOW = at('2024-03-20T12:00');
const OWNERS = ['rep1', 'rep2', 'rep3'];
const STATUSES: Order['status'][] = ['pending', 'paid', 'shipped', 'completed', 'cancelled'];

/** A deterministic generator (mulberry32). */
function random(seed: number) {
	return () => {
		seed |= 0;
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function setup() {
	const rnd = random(7);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
	const day = () =>
		`2024-0${pick([1, 2, 3, 4])}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
	const money = () => Math.round(rnd() * 100_000) / 100;
	const customers = Array.from({ length: 30 }, (_, i) =>
		customer(`c${i}`, {
			ownerId: OWNERS[i % 3],
			interests: i % 2 ? ['tea'] : [],
			_deleted: i === 29
		})
	);
	const orders = Array.from({ length: 300 }, (_, i) =>
		sale(`o${i}`, `c${i % 31}`, day(), money(), pick(STATUSES))
	);
	const deltas = new DeltaDataset();
	deltas.load('customers', customers);
	deltas.load('orders', orders);
	deltas.load('visits', [
		visit('v1', 'c1', { plannedAt: at('2024-03-02T10:00'), nextFollowUpAt: at('2024-03-25T09:00') })
	]);
	/** A random change to one order: status, amount, date, customer, delete, or a new order. */
	const change = (n: number): Order => {
		const orders = deltas.data.orders;
		const o = pick(orders);
		switch (n % 6) {
			case 0:
				return { ...o, status: pick(STATUSES) };
			case 1:
				return sale(o.id, o.customerId, o.date, money(), o.status);
			case 2:
				return { ...o, date: day() };
			case 3:
				return { ...o, customerId: `c${Math.floor(rnd() * 31)}` };
			case 4:
				return { ...o, _deleted: true };
			default:
				return sale(`new${n}`, pick(customers).id, day(), money(), pick(STATUSES));
		}
	};
	return { deltas, change };
}

const filters: OverviewParams['filter'][] = [
	{ ...MARCH },
	...OWNERS.map((o) => ({ ...MARCH, ownerIds: [o] })),
	{ ...MARCH, tags: ['tea'] }
];

describe('overview patched after orders changed', () => {
	it('equals the overview computed in full, edit after edit, for every filter', () => {
		const { deltas, change } = setup();
		const patcher = new OverviewPatcher(deltas);
		for (const filter of filters) {
			const params = { now: NOW, filter };
			patcher.keep(deltas.data, params, overview(deltas.data, params));
		}
		let patched = 0;
		for (let n = 0; n < 60; n++) {
			// One change, sometimes two together (a sync batch).
			deltas.apply([{ collection: 'orders', record: change(n) }]);
			if (n % 5 === 0) deltas.apply([{ collection: 'orders', record: change(n + 1000) }]);
			for (const filter of filters) {
				const params = { now: NOW + n * 60_000, filter };
				const quick = patcher.patch(deltas.data, params);
				expect(quick).toBeDefined();
				// In full, on copies no cache has seen.
				expect(quick).toEqual(overview(cloneDataset(deltas.data), params));
				patcher.keep(deltas.data, params, quick!);
				patched++;
			}
		}
		expect(patched).toBe(60 * filters.length);
	});

	it('computes in full after another collection changed, past a follow-up date, or for another filter', () => {
		const { deltas, change } = setup();
		const patcher = new OverviewPatcher(deltas);
		const params = { now: NOW, filter: MARCH };
		patcher.keep(deltas.data, params, overview(deltas.data, params));
		deltas.apply([{ collection: 'orders', record: change(0) }]);
		expect(patcher.patch(deltas.data, params)).toBeDefined();
		// The follow-up of v1 comes due at 2024-03-25 09:00: overdue counts change after it.
		expect(patcher.patch(deltas.data, { ...params, now: at('2024-03-25T09:00') })).toBeDefined();
		expect(patcher.patch(deltas.data, { ...params, now: at('2024-03-25T09:01') })).toBeUndefined();
		expect(patcher.patch(deltas.data, { ...params, now: NOW - 1 })).toBeUndefined();
		expect(
			patcher.patch(deltas.data, { now: NOW, filter: { ...MARCH, ownerIds: ['rep1'] } })
		).toBeUndefined();
		expect(patcher.patch(deltas.data, { now: NOW })).toBeUndefined();
		deltas.apply([{ collection: 'customers', record: customer('c1', { stage: 'inactive' }) }]);
		expect(patcher.patch(deltas.data, params)).toBeUndefined();
	});

	it('computes in full when the kept overview is older than the changes remembered', () => {
		const { deltas, change } = setup();
		const patcher = new OverviewPatcher(deltas);
		const params = { now: NOW, filter: MARCH };
		const first: Dataset = deltas.data;
		patcher.keep(first, params, overview(first, params));
		for (let n = 0; n < 40; n++) deltas.apply([{ collection: 'orders', record: change(n) }]);
		expect(patcher.patch(deltas.data, params)).toBeUndefined();
		deltas.load('orders', deltas.data.orders);
		expect(patcher.patch(deltas.data, params)).toBeUndefined();
	});

	it('keeps overviews of at most three snapshots, the filters asked for least recently dropped first', () => {
		const { deltas, change } = setup();
		const patcher = new OverviewPatcher(deltas);
		const params = filters.map((filter) => ({ now: NOW, filter }));
		const [all, rep1, rep2, rep3, tea] = params;
		for (const p of params) patcher.keep(deltas.data, p, overview(deltas.data, p));
		/** A change, then the overview of `p` only (patched and kept). */
		const step = (n: number, p: OverviewParams) => {
			deltas.apply([{ collection: 'orders', record: change(n) }]);
			patcher.keep(deltas.data, p, patcher.patch(deltas.data, p)!);
		};
		step(1, all);
		step(2, rep1);
		expect(patcher.size).toBe(5); // three snapshots
		step(3, rep2); // a fourth: rep3's and then tea's (the first snapshot's) go
		expect(patcher.size).toBe(3);
		expect(patcher.patch(deltas.data, rep3)).toBeUndefined();
		expect(patcher.patch(deltas.data, tea)).toBeUndefined();
		for (const p of [all, rep1, rep2])
			expect(patcher.patch(deltas.data, p)).toEqual(overview(cloneDataset(deltas.data), p));
	});
});
