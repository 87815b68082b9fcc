import { describe, expect, it } from 'vitest';
import { SseParser } from '$lib/domain/sync/sse';
import { sharedStreamFetch } from './stream-mux';

/** A server side held in the test: counts stream connections and lets the test write events. */
function fakeServer(status = 200) {
	const calls: string[] = [];
	let push: (data: unknown) => void = () => {};
	let finish: () => void = () => {};
	let aborted = 0;
	const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		calls.push(url);
		if (!url.endsWith('/api/sync/stream')) return new Response('[]', { status: 200 });
		if (status !== 200) return new Response('{}', { status });
		const enc = new TextEncoder();
		const body = new ReadableStream<Uint8Array>({
			start(c) {
				push = (data) => c.enqueue(enc.encode(`data: ${JSON.stringify(data)}\n\n`));
				finish = () => c.close();
				init?.signal?.addEventListener('abort', () => {
					aborted++;
					c.error(new Error('aborted'));
				});
			}
		});
		return new Response(body, { status: 200 });
	}) as typeof fetch;
	return {
		base,
		calls,
		push: (d: unknown) => push(d),
		finish: () => finish(),
		aborted: () => aborted
	};
}

async function nextEvents(
	reader: ReadableStreamDefaultReader<string>,
	parser: SseParser,
	n: number
): Promise<unknown[]> {
	const out: unknown[] = [];
	while (out.length < n) {
		const { value, done } = await reader.read();
		if (done) break;
		out.push(...parser.push(value).map((d) => JSON.parse(d)));
	}
	return out;
}

function open(res: Response) {
	return {
		reader: res.body!.pipeThrough(new TextDecoderStream()).getReader(),
		parser: new SseParser()
	};
}

describe('one shared change stream', () => {
	it('serves every collection from one connection and routes events by collection', async () => {
		const server = fakeServer();
		const f = sharedStreamFetch(server.base, 'http://x');
		const customers = open(await f('http://x/api/sync/customers/stream'));
		const orders = open(await f('http://x/api/sync/orders/stream'));
		expect(server.calls.filter((u) => u.includes('stream'))).toEqual(['http://x/api/sync/stream']);

		expect(await nextEvents(customers.reader, customers.parser, 1)).toEqual(['RESYNC']);
		expect(await nextEvents(orders.reader, orders.parser, 1)).toEqual(['RESYNC']);
		server.push({
			collection: 'orders',
			event: { documents: [{ id: 'o1' }], checkpoint: { seq: 3 } }
		});
		server.push({
			collection: 'customers',
			event: { documents: [{ id: 'c1' }], checkpoint: { seq: 4 } }
		});
		server.push('RESYNC');
		expect(await nextEvents(orders.reader, orders.parser, 2)).toEqual([
			{ documents: [{ id: 'o1' }], checkpoint: { seq: 3 } },
			'RESYNC'
		]);
		expect(await nextEvents(customers.reader, customers.parser, 2)).toEqual([
			{ documents: [{ id: 'c1' }], checkpoint: { seq: 4 } },
			'RESYNC'
		]);
	});

	it('passes other requests through and answers a refused stream with its status', async () => {
		const server = fakeServer(401);
		const f = sharedStreamFetch(server.base);
		expect((await f('/api/sync/customers/pull?limit=1')).status).toBe(200);
		expect((await f('/api/sync/customers/stream')).status).toBe(401);
		expect((await f('/api/sync/orders/stream')).status).toBe(401);
		expect(server.calls).toEqual([
			'/api/sync/customers/pull?limit=1',
			'/api/sync/stream',
			'/api/sync/stream'
		]);
	});

	it('closes the shared connection when the last reader aborts, and ends readers when it drops', async () => {
		const server = fakeServer();
		const f = sharedStreamFetch(server.base);
		const a = new AbortController();
		const b = new AbortController();
		await f('/api/sync/customers/stream', { signal: a.signal });
		const orders = open(await f('/api/sync/orders/stream', { signal: b.signal }));
		a.abort();
		expect(server.aborted()).toBe(0);
		b.abort();
		expect(server.aborted()).toBe(1);
		await expect(orders.reader.read()).rejects.toThrow();

		const again = open(await f('/api/sync/visits/stream'));
		expect(server.calls.filter((u) => u.includes('stream'))).toHaveLength(2);
		expect(await nextEvents(again.reader, again.parser, 1)).toEqual(['RESYNC']);
		server.finish();
		await expect(again.reader.read()).rejects.toThrow('ended');
	});
});
