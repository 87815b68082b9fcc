import { Observable, Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calmWhile } from './calm';

/** A stand-in for an RxDB query: each subscription is one read; `emit` is a change arriving. */
function fakeQuery() {
	const changes = new Subject<number>();
	let reads = 0;
	let live = 0;
	let value = 0;
	const make = (): Observable<number> =>
		new Observable<number>((observer) => {
			reads++;
			live++;
			observer.next(value);
			const sub = changes.subscribe((v) => observer.next(v));
			return () => {
				live--;
				sub.unsubscribe();
			};
		});
	return {
		make,
		emit(v: number) {
			value = v;
			changes.next(v);
		},
		get reads() {
			return reads;
		},
		get live() {
			return live;
		}
	};
}

describe('calmWhile', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('follows the query live when not busy', () => {
		const q = fakeQuery();
		const seen: number[] = [];
		const sub = calmWhile(q.make, () => false).subscribe((v) => seen.push(v));
		q.emit(1);
		q.emit(2);
		vi.advanceTimersByTime(5000);
		expect(seen).toEqual([0, 1, 2]);
		expect(q.reads).toBe(1);
		sub.unsubscribe();
		expect(q.live).toBe(0);
	});

	it('reads once per interval while busy, then follows live again', () => {
		const q = fakeQuery();
		let busy = true;
		const seen: number[] = [];
		const sub = calmWhile(q.make, () => busy, undefined, 3000, 1000).subscribe((v) => seen.push(v));
		expect(q.reads).toBe(1);
		// A burst of changes during the first sync: no live subscription is kept.
		for (let i = 1; i <= 50; i++) q.emit(i);
		expect(q.live).toBe(0);
		vi.advanceTimersByTime(3000);
		expect(q.reads).toBe(2);
		expect(seen).toEqual([0, 50]);
		busy = false;
		vi.advanceTimersByTime(1000);
		expect(q.live).toBe(1);
		q.emit(51);
		expect(seen.at(-1)).toBe(51);
		sub.unsubscribe();
		expect(q.live).toBe(0);
	});

	it('waits eight times as long as a slow read took before reading again', () => {
		let reads = 0;
		const slow = () =>
			new Observable<number>((observer) => {
				reads++;
				const t = setTimeout(() => observer.next(reads), 2000);
				return () => clearTimeout(t);
			});
		const seen: number[] = [];
		const sub = calmWhile(slow, () => true, undefined, 3000, 1000).subscribe((v) => seen.push(v));
		vi.advanceTimersByTime(2000);
		expect(seen).toEqual([1]);
		vi.advanceTimersByTime(15_999);
		expect(reads).toBe(1);
		vi.advanceTimersByTime(1);
		expect(reads).toBe(2);
		sub.unsubscribe();
	});

	it('calms down when the device becomes busy after subscribing', () => {
		const q = fakeQuery();
		let busy = false;
		const sub = calmWhile(q.make, () => busy).subscribe();
		expect(q.live).toBe(1);
		busy = true;
		vi.advanceTimersByTime(1000);
		expect(q.live).toBe(0);
		sub.unsubscribe();
	});

	it('reads with `once` while busy, never holding the live query open', async () => {
		const q = fakeQuery();
		let onceReads = 0;
		const once = () => Promise.resolve(++onceReads);
		const seen: number[] = [];
		const sub = calmWhile(q.make, () => true, once, 10_000, 1000).subscribe((v) => seen.push(v));
		await vi.advanceTimersByTimeAsync(0);
		expect(seen).toEqual([1]);
		await vi.advanceTimersByTimeAsync(9_999);
		expect(onceReads).toBe(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(seen).toEqual([1, 2]);
		expect(q.reads).toBe(0);
		sub.unsubscribe();
	});
});
