import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/reports';
import { SnapshotBuilder, type Timers } from './snapshot';

/** Timers the test fires by hand: no waiting, no clock. */
function manualTimers() {
	const pending = new Map<number, { fn: () => void; ms: number }>();
	let next = 1;
	const timers: Timers = {
		set: (fn, ms) => (pending.set(next, { fn, ms }), next++),
		clear: (h) => pending.delete(h as number)
	};
	const fire = () => {
		const all = [...pending.values()];
		pending.clear();
		all.forEach((p) => p.fn());
	};
	return { timers, pending, fire };
}

describe('SnapshotBuilder', () => {
	it('publishes once every collection answered, then coalesces changes into one new object', () => {
		const out: Dataset[] = [];
		const t = manualTimers();
		const b = new SnapshotBuilder(['customers', 'orders'], (d) => out.push(d), 200, t.timers);
		b.update('customers', [{ id: 'c1' }]);
		expect(out).toHaveLength(0);
		b.update('orders', []);
		expect(out).toHaveLength(1);
		expect(out[0].customers).toEqual([{ id: 'c1' }]);
		expect(out[0].services).toEqual([]);

		const firstOrders = out[0].orders;
		b.update('orders', [{ id: 'o1' }]);
		b.update('orders', [{ id: 'o1' }, { id: 'o2' }]);
		expect(out).toHaveLength(1);
		expect([...t.pending.values()].map((p) => p.ms)).toEqual([200]);
		t.fire();
		expect(out).toHaveLength(2);
		expect(out[1]).not.toBe(out[0]);
		expect(out[1].orders).toHaveLength(2);
		expect(firstOrders).toEqual([]);
	});

	it('publishes nothing after dispose', () => {
		const out: Dataset[] = [];
		const t = manualTimers();
		const b = new SnapshotBuilder(['customers'], (d) => out.push(d), 200, t.timers);
		b.update('customers', []);
		b.update('customers', [{ id: 'c2' }]);
		b.dispose();
		t.fire();
		expect(out).toHaveLength(1);
	});
});
