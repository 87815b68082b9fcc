import { describe, expect, it } from 'vitest';
import { at } from './fixtures';
import { bucketStart, EventIndex, WeekStarts } from './timeline';

describe('WeekStarts', () => {
	it('gives what bucketStart gives for every moment, around week starts too', () => {
		const weeks = new WeekStarts();
		const moments = [
			at('2024-03-10T23:59:59.999'), // Sunday night
			at('2024-03-11T00:00'), // Monday midnight, a week's first moment
			at('2024-03-11T00:00:00.001'),
			at('2024-03-13T12:00'),
			at('2024-12-30T08:00'), // ISO week 1 of 2025
			at('2024-02-29T10:00'), // a leap day
			at('2024-03-31T02:30'), // a DST change in many zones
			at('2024-10-27T01:30')
		];
		// Hour by hour over three weeks, and over two DST changes made at midnight (Brazil).
		for (const start of ['2024-03-01T00:00', '2018-11-01T00:00', '2019-02-13T00:00'])
			for (let h = 0; h < 24 * 21; h++) moments.push(at(start) + h * 1_800_000 + 17);
		for (const t of moments) expect(weeks.get(t)).toBe(bucketStart(t, 'week'));
		// Asked again (now from the day's kept answer), the same.
		for (const t of moments) expect(weeks.get(t)).toBe(bucketStart(t, 'week'));
	});

	it('gives NaN for no moment, as bucketStart does', () => {
		expect(new WeekStarts().get(NaN)).toBeNaN();
		expect(bucketStart(NaN, 'week')).toBeNaN();
	});
});

describe('EventIndex', () => {
	it('counts and sums events in [from, to), ties and unknown times included', () => {
		const events = [
			{ t: 30, value: 1 },
			{ t: 10, value: 2 },
			{ t: 20, value: 4 },
			{ t: 10, value: 8 },
			{ t: NaN, value: 16 },
			{ t: -Infinity, value: 32 },
			{ t: 30, value: 64 }
		];
		const index = EventIndex.fromArrays(
			Float64Array.from(events, (e) => e.t),
			Float64Array.from(events, (e) => e.value)
		);
		const naive = (from: number, to: number) => {
			const inside = events.filter((e) => e.t >= from && e.t < to);
			return [inside.length, inside.reduce((s, e) => s + e.value, 0)];
		};
		for (const [from, to] of [
			[10, 30],
			[10, 31],
			[-Infinity, Infinity],
			[0, 10],
			[11, 20],
			[40, 50]
		]) {
			expect([index.count(from, to), index.sum(from, to)]).toEqual(naive(from, to));
		}
		expect(new EventIndex(events).sum(0, 100)).toBe(index.sum(0, 100));
	});

	it('reads events at rows of two columns, a NaN value counting as 0', () => {
		const times = Float64Array.from([10, 20, 30, NaN]);
		const values = Float64Array.from([1, NaN, 4, 8]);
		const index = EventIndex.fromRows(times, values, Int32Array.from([2, 0, 1, 3, 0]));
		expect(index.count(0, 100)).toBe(4);
		expect(index.sum(0, 100)).toBe(6);
		expect(index.sum(10, 20)).toBe(2);
		expect(index.count(20, 31)).toBe(2);
	});

	it('counts events by time alone as the general index does, repeats and NaN included', () => {
		const times = Float64Array.from([30, 10, NaN, 20, 10, -Infinity, 30, 30, 5]);
		const index = EventIndex.fromTimes(times);
		const general = EventIndex.fromArrays(times, new Float64Array(times.length));
		for (const [from, to] of [
			[10, 30],
			[10, 31],
			[-Infinity, Infinity],
			[0, 10],
			[11, 20],
			[40, 50],
			[30, 10],
			[5, 6]
		]) {
			expect([index.count(from, to), index.sum(from, to)]).toEqual([
				general.count(from, to),
				general.sum(from, to)
			]);
		}
		expect(index.count(-Infinity, Infinity)).toBe(8);
		expect(EventIndex.fromTimes(new Float64Array(0)).count(0, 1)).toBe(0);
	});

	it('sums money exactly in cents, NaN where an amount in the range is not whole cents', () => {
		const times = Float64Array.from([10, 20, 20, 30, 40, NaN]);
		const values = Float64Array.from([0.1, 0.2, 10.05, 0.001, NaN, 7]);
		const index = EventIndex.fromRows(times, values, Int32Array.from([0, 1, 2, 3, 4, 5]));
		// 10 + 20 + 1005 cents; the float sum 0.1 + 0.2 + 10.05 is 10.350000000000001.
		expect(index.centsBetween(0, 30)).toBe(1035);
		expect(index.sum(0, 30)).not.toBe(10.35);
		expect(index.centsBetween(20, 21)).toBe(1025);
		// 0.001 (at 30) and a missing amount (at 40) are not whole cents.
		expect(index.centsBetween(0, 31)).toBeNaN();
		expect(index.centsBetween(40, 41)).toBeNaN();
		// Nothing in the range (the event without a time never is).
		expect(index.centsBetween(50, 60)).toBe(0);
		expect(EventIndex.fromTimes(times).centsBetween(0, 100)).toBe(0);
	});

	it('finds repeated times among thousands of distinct ones (zeros, infinities, fractions)', () => {
		let state = 5;
		const rand = (n: number) => {
			state = (Math.imul(state, 1103515245) + 12345) >>> 0;
			return (state >>> 8) % n;
		};
		const pool = [0, -0, Infinity, -Infinity, 0.5, -1.25, 1e15, -1e15];
		for (let k = 0; pool.length < 1500; k++) pool.push(rand(2) ? k * 86_400_000 : k * 997.5 - 1e12);
		const times = Float64Array.from({ length: 4000 }, () => pool[rand(pool.length)]);
		const values = Float64Array.from({ length: 4000 }, () => rand(1000) / 8);
		const rows = Int32Array.from({ length: 3000 }, () => rand(4000));
		const index = EventIndex.fromRows(times, values, rows);
		const events = [...rows].map((r) => ({ t: times[r], value: values[r] }));
		for (let q = 0; q < 200; q++) {
			const [a, b] = [pool[rand(pool.length)], pool[rand(pool.length)]];
			const inside = events.filter((e) => e.t >= a && e.t < b);
			expect(index.count(a, b)).toBe(inside.length);
			// Values are eighths: every order of addition gives the same sum.
			expect(index.sum(a, b)).toBe(inside.reduce((s, e) => s + e.value, 0));
		}
	});
});
