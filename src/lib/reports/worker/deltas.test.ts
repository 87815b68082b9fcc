import { describe, expect, it } from 'vitest';
import { drillCustomers } from '$lib/reports-ui/drill';
import { at, customer, sale } from '../fixtures';
import { overview } from '../overview';
import { DeltaDataset } from './deltas';

const MARCH = { from: at('2024-03-01T00:00'), to: at('2024-04-01T00:00') };
const NOW = at('2024-03-20T12:00');

function loaded(): DeltaDataset {
	const d = new DeltaDataset();
	d.load('customers', [customer('c1'), customer('c2')]);
	d.load('orders', [sale('o1', 'c1', '2024-03-05', 100), sale('o2', 'c2', '2024-02-10', 40)]);
	return d;
}

describe('DeltaDataset', () => {
	it('applies changes the same whether positions were made ahead (index) or on first need', () => {
		const a = loaded();
		const b = loaded();
		b.index();
		for (const d of [a, b]) {
			d.apply([
				{ collection: 'orders', record: sale('o2', 'c2', '2024-02-10', 41) },
				{ collection: 'orders', record: sale('o3', 'c1', '2024-03-09', 5) },
				{ collection: 'orders', record: sale('o3', 'c1', '2024-03-09', 6) }
			]);
		}
		expect(a.data.orders).toEqual(b.data.orders);
		expect(a.data.orders.map((o) => [o.id, o.amount])).toEqual([
			['o1', 100],
			['o2', 41],
			['o3', 6]
		]);
	});

	it('applies edits the same while positions are still being made in slices, and finds every record after', async () => {
		const orders = Array.from({ length: 10 }, (_, i) =>
			sale(`o${i}`, i % 2 ? 'c1' : 'c2', '2024-03-05', i)
		);
		const ahead = new DeltaDataset();
		ahead.load('orders', orders);
		ahead.index();
		const sliced = new DeltaDataset();
		sliced.load('orders', orders);
		const pauses: (() => void)[] = [];
		const indexing = sliced.indexInSlices(3, () => new Promise<void>((r) => pauses.push(r)));
		await Promise.resolve();
		expect(pauses).toHaveLength(1); // one slice made, waiting for its pause
		const edits = [
			[{ collection: 'orders', record: sale('o1', 'c1', '2024-03-05', 100) }], // made already
			[{ collection: 'orders', record: sale('o8', 'c2', '2024-03-05', 800) }], // not yet
			[{ collection: 'orders', record: sale('o10', 'c1', '2024-03-06', 5) }], // new
			[{ collection: 'orders', record: sale('o10', 'c1', '2024-03-06', 6) }] // new, again
		] as const;
		for (const [k, edit] of edits.entries()) {
			for (const d of [ahead, sliced]) d.apply(edit);
			if (k % 2) pauses.shift()!(); // slices go on between edits
			await Promise.resolve();
		}
		while (pauses.length) {
			pauses.shift()!();
			await new Promise((r) => setTimeout(r, 0));
		}
		await indexing;
		expect(sliced.data.orders).toEqual(ahead.data.orders);
		expect(sliced.data.orders.map((o) => o.amount)).toEqual([0, 100, 2, 3, 4, 5, 6, 7, 800, 9, 6]);
		for (const o of ahead.data.orders) expect(sliced.find('orders', o.id)).toBe(o);
		expect(sliced.find('orders', 'o99')).toBeUndefined();
	});

	it('makes the positions at once for a batch of many changes, with the same result', () => {
		const orders = Array.from({ length: 40 }, (_, i) => sale(`o${i}`, 'c1', '2024-03-05', i));
		const batch = Array.from({ length: 20 }, (_, i) => ({
			collection: 'orders' as const,
			record: sale(`o${39 - i}`, 'c1', '2024-03-05', 1000 + i)
		}));
		const a = new DeltaDataset();
		a.load('orders', orders);
		a.apply(batch);
		const b = new DeltaDataset();
		b.load('orders', orders);
		b.index();
		b.apply(batch);
		expect(a.data.orders).toEqual(b.data.orders);
		expect(a.data.orders[39].amount).toBe(1000);
	});

	it('stops making positions of a collection loaded again meanwhile', async () => {
		const d = new DeltaDataset();
		d.load('orders', [sale('o1', 'c1', '2024-03-05', 1), sale('o2', 'c1', '2024-03-05', 2)]);
		let resume: () => void = () => {};
		const indexing = d.indexInSlices(1, () => new Promise<void>((r) => (resume = r)));
		await Promise.resolve();
		d.load('orders', [sale('o2', 'c1', '2024-03-05', 20)]);
		resume();
		await indexing;
		expect(d.find('orders', 'o2')).toBe(d.data.orders[0]);
		expect(d.find('orders', 'o1')).toBeUndefined();
	});

	it('makes a new dataset with a new array for the changed collection only', () => {
		const d = loaded();
		const before = d.data;
		const version = d.version;
		const changed = d.apply([{ collection: 'orders', record: sale('o3', 'c2', '2024-03-07', 25) }]);
		expect(changed).toEqual(['orders']);
		expect(d.data).not.toBe(before);
		expect(d.version).toBe(version + 1);
		expect(d.data.orders).not.toBe(before.orders);
		expect(d.data.customers).toBe(before.customers);
		expect(before.orders.map((o) => o.id)).toEqual(['o1', 'o2']);
		expect(d.data.orders.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
	});

	it('replaces an edited record in place and keeps a deleted one as a tombstone', () => {
		const d = loaded();
		d.apply([
			{ collection: 'orders', record: sale('o1', 'c1', '2024-03-05', 100, 'cancelled') },
			{ collection: 'customers', record: { ...customer('c2'), _deleted: true } }
		]);
		expect(d.data.orders.map((o) => [o.id, o.status])).toEqual([
			['o1', 'cancelled'],
			['o2', 'paid']
		]);
		expect(d.data.customers.map((c) => [c.id, c._deleted])).toEqual([
			['c1', false],
			['c2', true]
		]);
	});

	it('applies changes in order: the last state of a record wins', () => {
		const d = loaded();
		d.apply([
			{ collection: 'orders', record: sale('o9', 'c1', '2024-03-09', 10) },
			{ collection: 'orders', record: sale('o9', 'c1', '2024-03-09', 30) }
		]);
		expect(d.data.orders.filter((o) => o.id === 'o9').map((o) => o.amount)).toEqual([30]);
	});

	it('answers no change (and keeps the snapshot) for an empty batch', () => {
		const d = loaded();
		const before = d.data;
		expect(d.apply([])).toEqual([]);
		expect(d.data).toBe(before);
	});

	it('feeds reports and drill-downs that follow each change', () => {
		const d = loaded();
		const filter = { from: MARCH.from, to: MARCH.to };
		// March revenue: o1 (100); o2 is in February.
		expect(overview(d.data, { now: NOW, filter }).revenue).toBe(100);
		d.apply([{ collection: 'orders', record: sale('o3', 'c2', '2024-03-07', 25) }]);
		expect(overview(d.data, { now: NOW, filter }).revenue).toBe(125);
		const bought = () =>
			drillCustomers(d.data, filter, { kind: 'bought', ...MARCH }).map((c) => c.id);
		expect(bought()).toEqual(['c1', 'c2']);
		d.apply([{ collection: 'orders', record: sale('o1', 'c1', '2024-03-05', 100, 'cancelled') }]);
		expect(overview(d.data, { now: NOW, filter }).revenue).toBe(25);
		expect(bought()).toEqual(['c2']);
	});
});
