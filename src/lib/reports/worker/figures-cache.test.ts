import { describe, expect, it } from 'vitest';
import type { SourceState } from '../protocol';
import {
	figureKey,
	FiguresWriter,
	loadFigures,
	MAX_ENTRIES,
	MAX_RESULT_CHARS,
	MAX_TOTAL_CHARS
} from './figures-cache';

function memoryStore() {
	const m = new Map<string, string>();
	return {
		get: async (k: string) => m.get(k),
		set: async (k: string, v: string) => void m.set(k, v),
		map: m
	};
}

const state = (at: number, customers = 3): SourceState => ({ version: 1, at, customers });
const facets = { ownerIds: ['rep1'], regions: ['广东'], tags: ['tea'] };

describe('figures cache', () => {
	it('keys a report by its parameters without now', () => {
		expect(figureKey('overview', { now: 1, filter: { from: 5 } })).toBe(
			figureKey('overview', { now: 2, filter: { from: 5 } })
		);
		expect(figureKey('overview', { now: 1, filter: { from: 5 } })).not.toBe(
			figureKey('overview', { now: 1, filter: { from: 6 } })
		);
		expect(figureKey('sales', { filter: {} })).not.toBe(figureKey('service', { filter: {} }));
	});

	it('keeps the latest small results per database with the state they came from', async () => {
		const store = memoryStore();
		const w = new FiguresWriter(store, 'fieldbook_a');
		w.remember(state(100), facets, 'k1', { revenue: 1 });
		w.remember(state(200, 4), facets, 'k1', { revenue: 2 });
		w.remember(state(200, 4), facets, 'big', { rows: 'x'.repeat(MAX_RESULT_CHARS) });
		expect(await loadFigures(store, 'fieldbook_a')).toBeUndefined(); // nothing before save
		await w.save();
		const f = (await loadFigures(store, 'fieldbook_a'))!;
		expect(f.at).toBe(200);
		expect(f.customers).toBe(4);
		expect(f.facets).toEqual(facets);
		expect(f.results).toEqual({ k1: { revenue: 2 } });
		expect(await loadFigures(store, 'fieldbook_b')).toBeUndefined();
	});

	it('keeps at most MAX_ENTRIES results, dropping the oldest', async () => {
		const store = memoryStore();
		const w = new FiguresWriter(store, 'db');
		for (let i = 0; i < MAX_ENTRIES + 2; i++) w.remember(state(1), facets, `k${i}`, i);
		await w.save();
		const keys = Object.keys((await loadFigures(store, 'db'))!.results);
		expect(keys.length).toBe(MAX_ENTRIES);
		expect(keys[0]).toBe('k2');
		expect(keys.at(-1)).toBe(`k${MAX_ENTRIES + 1}`);
	});

	it('ignores unreadable entries and failing storage', async () => {
		const store = memoryStore();
		store.map.set('fieldbook:report-figures:db', '{not json');
		expect(await loadFigures(store, 'db')).toBeUndefined();
		const failing = {
			get: async () => undefined,
			set: async () => {
				throw new Error('full');
			}
		};
		const w = new FiguresWriter(failing, 'db');
		w.remember(state(1), facets, 'k', 1);
		await expect(w.save()).resolves.toBeUndefined();
		expect(await loadFigures(undefined, 'db')).toBeUndefined();
	});

	it('keeps a figure computed again recently over older ones when the total is too large', async () => {
		const store = memoryStore();
		const w = new FiguresWriter(store, 'db');
		const chunk = 'x'.repeat(Math.floor(MAX_RESULT_CHARS / 2));
		const n = Math.ceil(MAX_TOTAL_CHARS / chunk.length) + 1;
		w.remember(state(1), facets, 'main', { a: 1 });
		for (let i = 0; i < n; i++) {
			w.remember(state(1), facets, `rep${i}`, chunk);
			w.remember(state(1), facets, 'main', { a: i }); // the dashboard's own, asked each time
		}
		await w.save();
		const results = (await loadFigures(store, 'db'))!.results;
		expect(results.main).toEqual({ a: n - 1 });
		expect(results.rep0).toBeUndefined();
		expect(JSON.stringify(results).length).toBeLessThanOrEqual(MAX_TOTAL_CHARS + 1000);
	});
});
