import { describe, expect, it } from 'vitest';
import { createReportRunner, runReport, type WorkerLike } from './client';
import { createRequestHandler, type ReportRequest, type ReportResponse } from './protocol';
import { sales } from './sales';
import { customer, dataset, order } from './fixtures';

/** A worker that runs the real request handler, asynchronously, and records what it was sent. */
function fakeWorker(sent: ReportRequest[]): WorkerLike {
	const handle = createRequestHandler();
	const w: WorkerLike = {
		onmessage: null,
		onerror: null,
		postMessage(req) {
			sent.push(req);
			queueMicrotask(() => w.onmessage?.({ data: handle(req) }));
		},
		terminate() {}
	};
	return w;
}

const small = dataset({
	customers: [customer('a'), customer('b')],
	orders: [
		order('o1', 'a', '2024-01-01', [['tea', 2, 10]]),
		order('o2', 'b', '2024-01-02', [['pot', 1, 5]])
	]
});

describe('runReport', () => {
	it('runs inline where there is no Worker (Node)', async () => {
		// 2 × 10 + 1 × 5 = 25
		expect((await runReport('sales', small, {})).revenue).toBe(25);
	});

	it('rejects an unknown report and bad parameters', async () => {
		await expect(runReport('nope' as 'sales', small, {})).rejects.toThrow(/Unknown report "nope"/);
		await expect(
			runReport('cross', small, { rows: 'stage', columns: 'stage', measure: 'count' })
		).rejects.toThrow(/both "stage"/);
	});
});

describe('createReportRunner', () => {
	it('keeps small data sets on the page', async () => {
		const sent: ReportRequest[] = [];
		const runner = createReportRunner({ threshold: 2, createWorker: () => fakeWorker(sent) });
		await runner.run('sales', small, {});
		expect(sent).toHaveLength(0);
	});

	it('sends large data sets to the worker once, then only the request', async () => {
		const sent: ReportRequest[] = [];
		const runner = createReportRunner({ threshold: 1, createWorker: () => fakeWorker(sent) });
		const first = await runner.run('sales', small, {});
		const second = await runner.run('sales', small, { filter: { ownerIds: ['nobody'] } });
		expect(first).toEqual(sales(small));
		expect(second.revenue).toBe(0);
		expect(sent.map((r) => [r.datasetVersion, r.dataset !== undefined])).toEqual([
			[1, true],
			[1, false]
		]);
		const changed = { ...small, orders: small.orders.slice(0, 1) };
		// only o1: 2 × 10 = 20
		expect((await runner.run('sales', changed, {})).revenue).toBe(20);
		expect(sent[2].datasetVersion).toBe(2);
	});

	it('passes worker errors on as rejections', async () => {
		const runner = createReportRunner({ threshold: 0, createWorker: () => fakeWorker([]) });
		await expect(
			runner.run('cross', small, { rows: 'grade', columns: 'grade', measure: 'count' })
		).rejects.toThrow(/both "grade"/);
	});

	it('falls back to the page after the worker fails', async () => {
		let worker: WorkerLike | undefined;
		const runner = createReportRunner({
			threshold: 0,
			createWorker: () =>
				(worker = { onmessage: null, onerror: null, postMessage() {}, terminate() {} })
		});
		const waiting = runner.run('sales', small, {});
		worker!.onerror?.(new Error('boom'));
		await expect(waiting).rejects.toThrow(/worker stopped/);
		expect((await runner.run('sales', small, {})).revenue).toBe(25);
	});
});

describe('createRequestHandler', () => {
	it('answers an error for a dataset version it was never sent', () => {
		const res: ReportResponse = createRequestHandler()({
			id: 7,
			report: 'sales',
			params: {},
			datasetVersion: 3
		});
		expect(res).toEqual({ id: 7, error: 'Report worker has no dataset version 3' });
	});
});
