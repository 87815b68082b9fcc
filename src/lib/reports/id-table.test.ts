import { describe, expect, it } from 'vitest';
import { IdTable, StringTable, tailHash } from './id-table';

describe('IdTable', () => {
	it('finds every kept id by position and answers −1 for others', () => {
		const ids = ['0190a1b2-0000-7000-8000-000000000001', 'b', 'c', 'd'];
		const table = new IdTable(ids, (i) => i !== 2);
		expect(table.get(ids[0])).toBe(0);
		expect(table.get('b')).toBe(1);
		expect(table.get('c')).toBe(-1);
		expect(table.get('d')).toBe(3);
		expect(table.get('nobody')).toBe(-1);
		expect(table.get('')).toBe(-1);
	});

	it('compares whole ids, not only the hashed end', () => {
		// Same last 8 characters and length, so the same hash: told apart by ===.
		const ids = ['aaaa-12345678', 'bbbb-12345678', 'cccc-12345678'];
		expect(tailHash(ids[0])).toBe(tailHash(ids[1]));
		const table = new IdTable(ids);
		expect(ids.map((id) => table.get(id))).toEqual([0, 1, 2]);
		expect(table.get('dddd-12345678')).toBe(-1);
	});

	it('keeps the last position of a repeated id, as Map.set would', () => {
		const table = new IdTable(['x', 'y', 'x']);
		expect(table.get('x')).toBe(2);
	});

	it('stays exact when many ids share their end (falls back to a Map)', () => {
		const ids = Array.from({ length: 3000 }, (_, i) => `${i}-same-end-of-id`);
		const table = new IdTable(ids);
		expect(table.get(ids[0])).toBe(0);
		expect(table.get(ids[2999])).toBe(2999);
		expect(table.get('3000-same-end-of-id')).toBe(-1);
	});

	it('answers −1 for a missing (non-string) id', () => {
		const table = new IdTable(['a']);
		expect(table.get(undefined as unknown as string)).toBe(-1);
	});
});

describe('StringTable', () => {
	it.each([undefined, 100, 10_000])(
		'answers what a Map answers, through growth, for empty and short keys too (room for %s)',
		(expected) => {
			const table = new StringTable(expected);
			const map = new Map<string, number>();
			let state = 1;
			const rand = (n: number) => {
				state = (Math.imul(state, 1103515245) + 12345) >>> 0;
				return (state >>> 8) % n;
			};
			for (let i = 0; i < 5000; i++) {
				const key = rand(3) ? `+86138${rand(3000)}` : ['', 'a', 'Aa', 'BB', '中国'][rand(5)];
				expect(table.get(key)).toBe(map.get(key) ?? -1);
				if (!map.has(key)) {
					map.set(key, i);
					table.add(key, i);
				}
			}
			expect(map.size).toBeGreaterThan(2000);
			for (const [key, value] of map) expect(table.get(key)).toBe(value);
			expect(table.get('missing')).toBe(-1);
		}
	);
});
