/**
 * Carries every collection's change stream over one connection. Browsers keep at most six
 * HTTP/1.1 connections per server, so six open streams (one per collection) would leave
 * none for pull and push. This `fetch` answers each `/api/sync/<collection>/stream` request
 * from one shared `/api/sync/stream` connection; everything else goes through unchanged.
 */
import { SseParser } from '$lib/domain/sync/sse';

interface Subscriber {
	collection: string;
	controller: ReadableStreamDefaultController<Uint8Array>;
}

interface Upstream {
	abort: AbortController;
	ready: Promise<Response>;
}

const STREAM_PATH = /\/api\/sync\/([a-z]+)\/stream(?:\?|$)/;
const encoder = new TextEncoder();

function urlOf(input: RequestInfo | URL): string {
	return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** A `fetch` that multiplexes the per-collection streams of `baseUrl` onto one. */
export function sharedStreamFetch(base: typeof fetch, baseUrl = ''): typeof fetch {
	const subs = new Set<Subscriber>();
	let upstream: Upstream | undefined;

	const emit = (sub: Subscriber, data: unknown) => {
		try {
			sub.controller.enqueue(encoder.encode(`data: ${JSON.stringify(data)}\n\n`));
		} catch {
			subs.delete(sub);
		}
	};

	/** The shared stream ended or failed: every reader sees its stream end and reconnects. */
	const end = (which: Upstream) => {
		if (upstream !== which) return;
		upstream = undefined;
		for (const sub of subs) {
			try {
				sub.controller.error(new Error('The shared change stream ended'));
			} catch {
				/* already closed */
			}
		}
		subs.clear();
	};

	const stopIfUnused = () => {
		if (subs.size || !upstream) return;
		const was = upstream;
		upstream = undefined;
		was.abort.abort();
	};

	async function pump(res: Response, mine: Upstream) {
		const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
		const parser = new SseParser();
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) break;
				for (const data of parser.push(value)) {
					const msg = JSON.parse(data) as 'RESYNC' | { collection: string; event: unknown };
					for (const sub of subs) {
						if (msg === 'RESYNC') emit(sub, 'RESYNC');
						else if (sub.collection === msg.collection) emit(sub, msg.event);
					}
				}
			}
		} catch {
			/* dropped: readers reconnect */
		}
		end(mine);
	}

	function connect(init: RequestInit | undefined): Promise<Response> {
		if (upstream) return upstream.ready;
		const abort = new AbortController();
		const mine: Upstream = {
			abort,
			ready: base(baseUrl + '/api/sync/stream', { headers: init?.headers, signal: abort.signal })
		};
		upstream = mine;
		mine.ready.then(
			(res) => (res.ok ? void pump(res, mine) : end(mine)),
			() => end(mine)
		);
		return mine.ready;
	}

	return async (input, init) => {
		const collection = STREAM_PATH.exec(urlOf(input))?.[1];
		if (!collection) return base(input, init);
		const res = await connect(init);
		if (!res.ok) return new Response(null, { status: res.status, statusText: res.statusText });
		let sub: Subscriber | undefined;
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				sub = { collection, controller };
				subs.add(sub);
			},
			cancel() {
				if (sub) subs.delete(sub);
				stopIfUnused();
			}
		});
		init?.signal?.addEventListener('abort', () => {
			if (!sub) return;
			subs.delete(sub);
			try {
				sub.controller.error(new DOMException('Aborted', 'AbortError'));
			} catch {
				/* already closed */
			}
			stopIfUnused();
		});
		emit(sub!, 'RESYNC');
		return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
	};
}
