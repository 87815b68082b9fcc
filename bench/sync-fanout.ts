/**
 * 200 devices holding live streams on one server process, each pushing an edit every few
 * seconds: push latency p50/p99, time for an edit to reach every other device, memory per
 * connected device. Devices are bare protocol clients (RxDB's open-core build allows 13
 * collections per process). They edit campaigns, which every user sees, so each edit fans
 * out to all 199 others. Not a test: prints figures. Env: DEVICES, SECONDS, EVERY_MS, DB.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type DbKind } from '../server/testing';
import { createSession } from '../server/auth/sessions';
import { listen } from '../tests/node/harness';
import { SseParser } from '../src/lib/domain/sync/sse';
import type { StreamEvent, WireDoc } from '../src/lib/domain/sync/protocol';
import { addUser } from './sync-seed';

const DEVICES = Number(process.env.DEVICES ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 30);
const EVERY_MS = Number(process.env.EVERY_MS ?? 3000);
const KIND = (process.env.DB ?? 'pglite') as DbKind;

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

const test = await createTestDatabase(KIND);
const server = await listen(test.database, { syncHeartbeatMs: 20_000 });
const pushedAt = new Map<string, number>();
const received = new Map<string, number[]>();
const aborter = new AbortController();

async function openDevice(token: string) {
	const res = await fetch(`${server.baseUrl}/api/sync/campaigns/stream`, {
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

const tokens: string[] = [];
for (let i = 0; i < DEVICES; i++)
	tokens.push(await createSession(test.database.db, await addUser(test.database.db, 'rep')));
global.gc?.();
const before = process.memoryUsage();
for (const t of tokens) await openDevice(t);
await new Promise((r) => setTimeout(r, 1000));
global.gc?.();
const after = process.memoryUsage();

const latencies: number[] = [];
const push = async (token: string, doc: WireDoc, base?: WireDoc) => {
	const t0 = performance.now();
	const res = await fetch(`${server.baseUrl}/api/sync/campaigns/push`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify([{ newDocumentState: doc, assumedMasterState: base }])
	});
	await res.text();
	latencies.push(performance.now() - t0);
	return t0;
};
const stopAt = Date.now() + SECONDS * 1000;
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
		await new Promise((r) => setTimeout(r, Math.random() * EVERY_MS));
		while (Date.now() < stopAt) {
			const t0 = await push(token, doc, base);
			pushedAt.set(`${doc.id}@${doc.updatedAt}`, t0);
			base = doc;
			doc = {
				...doc,
				name: 'Spring fair ' + Math.random().toString(36).slice(2, 6),
				updatedAt: Date.now()
			};
			await new Promise((r) => setTimeout(r, EVERY_MS * (0.5 + Math.random())));
		}
	})
);
await new Promise((r) => setTimeout(r, 2000));
const reach: number[] = [];
let incomplete = 0;
for (const [key, t0] of pushedAt) {
	const got = received.get(key) ?? [];
	if (got.length < DEVICES) incomplete++;
	else reach.push(Math.max(...got) - t0);
}
console.log(
	`sync-fanout on ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${new Date().toISOString()}, ${KIND}`
);
console.log(
	`${DEVICES} devices streaming, ${pushedAt.size} edits in ${SECONDS} s (one per device every ~${EVERY_MS / 1000} s)`
);
console.log(
	`push latency: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`
);
console.log(
	`edit reaches all devices: p50 ${pct(reach, 50).toFixed(0)} ms, p99 ${pct(reach, 99).toFixed(0)} ms, max ${Math.max(...reach).toFixed(0)} ms; ${incomplete} edits did not reach every device`
);
console.log(
	`memory per connected device (server and client side of the stream, same process): heap ${((after.heapUsed - before.heapUsed) / DEVICES / 1024).toFixed(1)} KiB, rss ${((after.rss - before.rss) / DEVICES / 1024).toFixed(1)} KiB`
);
aborter.abort();
await server.close();
await test.drop();
process.exit(0);
