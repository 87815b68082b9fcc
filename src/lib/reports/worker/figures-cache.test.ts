import { describe, expect, it } from 'vitest';
import type { SourceState } from '../protocol';
import {
	figureKey,
	FiguresWriter,
	freshFigure,
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
		expect(f.results).toEqual({ k1: { result: { revenue: 2 } } });
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
		store.map.set('fieldbook:report-figures:v2:db', '{not json');
		store.map.set(
			'fieldbook:report-figures:v2:old',
			JSON.stringify({ at: 1, facets, results: { k: 1 } })
		);
		expect(await loadFigures(store, 'old')).toBeUndefined();
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
		expect(results.main.result).toEqual({ a: n - 1 });
		expect(results.rep0).toBeUndefined();
		expect(JSON.stringify(results).length).toBeLessThanOrEqual(MAX_TOTAL_CHARS + 1000);
	});

	it('answers a kept figure as fresh only on its settled version and inside its time bounds', async () => {
		const store = memoryStore();
		const w = new FiguresWriter(store, 'db');
		const s1 = { ...state(100), version: 1 };
		w.remember(s1, facets, 'settled', 'a', { now: 100, validUntil: 500, settled: 'v1' });
		w.remember(s1, facets, 'later', 'b', { now: 100, validUntil: 500 });
		w.remember(s1, facets, 'instant', 'c', { now: 100, validUntil: 100, settled: 'v1' });
		w.remember(s1, facets, 'no-now', 'd', { settled: 'v1' });
		const f = w.figures;
		expect(freshFigure(f, 'settled', 'v1', 100)).toEqual({ result: 'a' });
		expect(freshFigure(f, 'settled', 'v1', 500)).toEqual({ result: 'a' });
		expect(freshFigure(f, 'settled', 'v1', 501)).toBeUndefined(); // a follow-up came due
		expect(freshFigure(f, 'settled', 'v1', 99)).toBeUndefined(); // the clock went back
		expect(freshFigure(f, 'settled', 'v2', 200)).toBeUndefined(); // the records changed
		expect(freshFigure(f, 'settled', undefined, 200)).toBeUndefined();
		expect(freshFigure(f, 'later', 'v1', 200)).toBeUndefined(); // not settled yet
		expect(freshFigure(f, 'instant', 'v1', 101)).toBeUndefined();
		expect(freshFigure(f, 'no-now', 'v1', 100)).toBeUndefined();
		expect(freshFigure(f, 'missing', 'v1', 100)).toBeUndefined();

		// Settling state 1 marks its figures and facets; a figure of a later state stays unmarked.
		const s2 = { ...state(300), version: 2 };
		w.remember(s2, facets, 'newer', 'e', { now: 300, validUntil: 900 });
		expect(w.settle(1, 'v1')).toBe(true);
		expect(freshFigure(w.figures, 'later', 'v1', 200)).toEqual({ result: 'b' });
		expect(freshFigure(w.figures, 'newer', 'v1', 300)).toBeUndefined();
		expect(w.figures?.data).toBeUndefined(); // the facets came with state 2
		expect(w.settle(2, 'v2')).toBe(true);
		expect(w.figures?.data).toBe('v2');
		expect(w.settle(2, 'v2')).toBe(false);

		// Saved and loaded, then seeded into the next visit's writer: other versions left out.
		await w.save();
		const loaded = (await loadFigures(store, 'db'))!;
		const next = new FiguresWriter(store, 'db');
		next.seed(loaded, 'v2');
		expect(Object.keys(next.figures!.results)).toEqual(['newer']);
		expect(freshFigure(next.figures, 'newer', 'v2', 900)).toEqual({ result: 'e' });
	});
});
