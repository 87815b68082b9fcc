/**
 * The devices of bench/sync-fanout.ts, in their own process (real devices do not share the
 * server's CPU): bare protocol clients that hold a campaigns stream and push an edit every
 * ~EVERY_MS. Started with a `start` message; answers with latencies and arrival times.
 */
import { randomUUID } from 'node:crypto';
import { SseParser } from '../src/lib/domain/sync/sse';
import type { StreamEvent, WireDoc } from '../src/lib/domain/sync/protocol';

export interface DevicesStart {
	baseUrl: string;
	tokens: string[];
	seconds: number;
	everyMs: number;
}

/** Sent once every stream is open, before the first push. */
export interface DevicesStreaming {
	streaming: true;
}

export interface DevicesResult {
	latencies: number[];
	/** Per edit: ms from the start of its push until the last device received it, or null if some never did. */
	reach: (number | null)[];
	cpuSeconds: number;
}

const aborter = new AbortController();
const received = new Map<string, number[]>();

async function openStream(baseUrl: string, token: string): Promise<void> {
	const res = await fetch(`${baseUrl}/api/sync/campaigns/stream`, {
		headers: { authorization: `Bearer ${token}` },
		signal: aborter.signal
	});
	const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
	const parser = new SseParser();
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
			if (done) return;
			const at = performance.now();
			for (const data of parser.push(value)) {
				const ev = JSON.parse(data) as StreamEvent;
				if (ev === 'RESYNC') continue;
				for (const d of ev.documents) {
					const key = `${d.id}@${d.updatedAt}`;
					const list = received.get(key) ?? [];
					list.push(at);
					received.set(key, list);
				}
			}
		}
	})();
}

async function run({ baseUrl, tokens, seconds, everyMs }: DevicesStart): Promise<DevicesResult> {
	for (const t of tokens) await openStream(baseUrl, t);
	await new Promise((r) => setTimeout(r, 1000));
	process.send!({ streaming: true });
	const cpu = process.cpuUsage();
	const latencies: number[] = [];
	const pushedAt = new Map<string, number>();
	const push = async (token: string, doc: WireDoc, base?: WireDoc) => {
		const t0 = performance.now();
		const res = await fetch(`${baseUrl}/api/sync/campaigns/push`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify([{ newDocumentState: doc, assumedMasterState: base }])
		});
		await res.text();
		latencies.push(performance.now() - t0);
		return t0;
	};
	const stopAt = Date.now() + seconds * 1000;
	await Promise.all(
		tokens.map(async (token) => {
			let doc: WireDoc = {
				id: randomUUID(),
				updatedAt: Date.now(),
				_deleted: false,
				name: 'Spring fair',
				type: 'event',
				startsAt: Date.now(),
				endsAt: Date.now() + 86_400_000
			};
			let base: WireDoc | undefined;
			await new Promise((r) => setTimeout(r, Math.random() * everyMs));
			while (Date.now() < stopAt) {
				const t0 = await push(token, doc, base);
				pushedAt.set(`${doc.id}@${doc.updatedAt}`, t0);
				base = doc;
				doc = {
					...doc,
					name: 'Spring fair ' + Math.random().toString(36).slice(2, 6),
					updatedAt: Date.now()
				};
				await new Promise((r) => setTimeout(r, everyMs * (0.5 + Math.random())));
			}
		})
	);
	await new Promise((r) => setTimeout(r, 2000));
	const used = process.cpuUsage(cpu);
	const reach = [...pushedAt].map(([key, t0]) => {
		const got = received.get(key) ?? [];
		return got.length < tokens.length ? null : Math.max(...got) - t0;
	});
	aborter.abort();
	return { latencies, reach, cpuSeconds: (used.user + used.system) / 1e6 };
}

process.once('message', (msg: DevicesStart) => {
	void run(msg).then((result) => process.send!(result, () => process.exit(0)));
});
