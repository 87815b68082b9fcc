import { describe, expect, it } from 'vitest';
import type { CollectionName } from '$lib/domain/collections';
import { at, customer, sale } from '../fixtures';
import type { SourceMessage } from '../protocol';
import { DeltaDataset } from './deltas';
import { createSourceHandler, type RecordSource } from './source-handler';

const MARCH = { from: at('2024-03-01T00:00'), to: at('2024-04-01T00:00') };
const NOW = at('2024-03-20T12:00');

/** A handler over an in-memory source; `tick` runs what the handler deferred. */
function setup() {
	const posted: SourceMessage[] = [];
	const deferred: (() => void)[] = [];
	const dataset = new DeltaDataset();
	let changed: ((c: readonly CollectionName[]) => void) | undefined;
	const handle = createSourceHandler({
		openSource: (_name, onChanged) => {
			changed = onChanged;
			const source: RecordSource = {
				dataset,
				timings: { openMs: 1, readMs: 2, records: 3 },
				async open() {
					dataset.load('customers', [
						customer('c1', { name: 'Bo', ownerId: 'rep1' }),
						customer('c2', { name: 'Al', ownerId: 'rep2', interests: ['tea'] })
					]);
					dataset.load('orders', [sale('o1', 'c1', '2024-03-05', 100)]);
					onChanged(['customers', 'orders']);
				}
			};
			return source;
		},
		post: (m) => posted.push(m),
		now: () => NOW,
		defer: (fn) => deferred.push(fn)
	});
	const tick = () => {
		while (deferred.length) deferred.shift()!();
	};
	const answers = () =>
		posted.filter((m): m is Extract<SourceMessage, { type: 'answer' }> => m.type === 'answer');
	const states = () =>
		posted.filter((m): m is Extract<SourceMessage, { type: 'state' }> => m.type === 'state');
	return {
		handle,
		tick,
		posted,
		answers,
		states,
		dataset,
		change: (c: CollectionName[]) => changed!(c)
	};
}

const overviewRun = (id: number) =>
	({ type: 'run', id, report: 'overview', params: { now: NOW, filter: MARCH } }) as const;

describe('report worker source handler', () => {
	it('announces the loaded records with facets, then answers reports on them', async () => {
		const s = setup();
		s.handle({ type: 'open', databaseName: 'fieldbook_x' });
		await Promise.resolve();
		const [first] = s.states();
		expect(first.state.customers).toBe(2);
		expect(first.state.at).toBe(NOW);
		expect(first.state.load).toEqual({ openMs: 1, readMs: 2, records: 3 });
		expect(first.state.facets?.ownerIds).toEqual(['rep1', 'rep2']);
		expect(first.state.facets?.tags).toEqual(['tea']);
		expect(first.state.facets?.names.get('c2')).toBe('Al');
		s.handle(overviewRun(1));
		s.tick();
		const [answer] = s.answers();
		expect(answer.id).toBe(1);
		expect((answer as { result: { revenue: number } }).result.revenue).toBe(100);
	});

	it('answers on the latest records after a change, without resending facets for orders', async () => {
		const s = setup();
		s.handle({ type: 'open', databaseName: 'fieldbook_x' });
		await Promise.resolve();
		s.dataset.apply([{ collection: 'orders', record: sale('o2', 'c2', '2024-03-06', 50) }]);
		s.change(['orders']);
		const latest = s.states().at(-1)!;
		expect(latest.state.version).toBe(s.dataset.version);
		expect(latest.state.facets).toBeUndefined();
		s.handle(overviewRun(2));
		s.tick();
		expect((s.answers()[0] as { result: { revenue: number } }).result.revenue).toBe(150);
	});

	it('drops a request cancelled before its turn and answers the others', async () => {
		const s = setup();
		s.handle({ type: 'open', databaseName: 'fieldbook_x' });
		await Promise.resolve();
		s.handle(overviewRun(1));
		s.handle(overviewRun(2));
		s.handle({ type: 'cancel', id: 1 });
		s.tick();
		expect(s.answers().map((a) => a.id)).toEqual([2]);
	});

	it('answers drill-downs and reports errors for unknown reports', async () => {
		const s = setup();
		s.handle({ type: 'open', databaseName: 'fieldbook_x' });
		await Promise.resolve();
		s.handle({ type: 'drill', id: 3, filter: MARCH, query: { kind: 'bought', ...MARCH } });
		s.handle({ type: 'run', id: 4, report: 'nope' as never, params: {} });
		s.tick();
		const [drill, bad] = s.answers();
		expect((drill as { result: { id: string }[] }).result.map((c) => c.id)).toEqual(['c1']);
		expect(bad).toMatchObject({ id: 4, error: 'Unknown report "nope"' });
	});

	it('reports a source that cannot open', async () => {
		const posted: SourceMessage[] = [];
		const handle = createSourceHandler({
			openSource: () => ({
				dataset: new DeltaDataset(),
				open: () => Promise.reject(new Error('no IndexedDB'))
			}),
			post: (m) => posted.push(m)
		});
		handle({ type: 'open', databaseName: 'x' });
		await new Promise((r) => setTimeout(r, 0));
		expect(posted).toEqual([{ type: 'failed', error: 'no IndexedDB' }]);
	});
});
