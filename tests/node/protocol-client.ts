/** A bare protocol client for tests: pull, push and SSE over fetch, no RxDB. */
import { randomUUID } from 'node:crypto';
import { SseParser } from '$lib/domain/sync/sse';
import type { Checkpoint, PullResponse, StreamEvent, WireDoc } from '$lib/domain/sync/protocol';
import type { CollectionName } from '$lib/domain/collections';
import { api, type RunningServer, type TestUser } from './harness';

export function newCustomer(ownerId: string, fields: Record<string, unknown> = {}): WireDoc {
	return {
		id: randomUUID(),
		updatedAt: Date.now(),
		_deleted: false,
		name: 'Customer ' + Math.random().toString(36).slice(2, 7),
		ownerId,
		phones: [],
		emails: [],
		interests: [],
		stage: 'lead',
		customFields: {},
		...fields
	};
}

export function newOrder(customerId: string, fields: Record<string, unknown> = {}): WireDoc {
	return {
		id: randomUUID(),
		updatedAt: Date.now(),
		_deleted: false,
		orderNo: 'A-1',
		customerId,
		date: '2024-05-01',
		items: [{ product: 'Tea', quantity: 2, unitPrice: 10 }],
		amount: 20,
		status: 'paid',
		...fields
	};
}

export async function push(
	server: RunningServer,
	user: TestUser,
	collection: CollectionName,
	rows: { newDocumentState: WireDoc; assumedMasterState?: WireDoc }[]
) {
	const res = await api(server, user, `/api/sync/${collection}/push`, {
		method: 'POST',
		body: JSON.stringify(rows)
	});
	if (res.status !== 200) throw new Error(`push ${res.status}: ${JSON.stringify(res.body)}`);
	return res.body as WireDoc[];
}

/** `count` new customers of `user` on the server ("Seeded <i>", with `fields`), pushed in batches. */
export async function seedCustomers(
	server: RunningServer,
	user: TestUser,
	count: number,
	fields: Record<string, unknown> = {},
	batch = 500
): Promise<WireDoc[]> {
	const docs = Array.from({ length: count }, (_, i) =>
		newCustomer(user.id, { name: `Seeded ${i}`, ...fields })
	);
	for (let i = 0; i < docs.length; i += batch)
		await push(
			server,
			user,
			'customers',
			docs.slice(i, i + batch).map((d) => ({ newDocumentState: d }))
		);
	return docs;
}

/** Pulls until caught up; returns every document in the order received. */
export async function pullAll(
	server: RunningServer,
	user: TestUser,
	collection: CollectionName,
	from: Checkpoint | null = null,
	limit = 100
) {
	const docs: WireDoc[] = [];
	let checkpoint = from;
	for (;;) {
		const q = new URLSearchParams({ limit: String(limit) });
		if (checkpoint) q.set('checkpoint', JSON.stringify(checkpoint));
		const res = await api(server, user, `/api/sync/${collection}/pull?${q}`);
		if (res.status !== 200) throw new Error(`pull ${res.status}: ${JSON.stringify(res.body)}`);
		const body = res.body as PullResponse;
		docs.push(...body.documents);
		checkpoint = body.checkpoint;
		if (body.documents.length < limit) return { docs, checkpoint };
	}
}

/** The latest state of each id in a pulled list. */
export function latest(docs: WireDoc[]): Map<string, WireDoc> {
	return new Map(docs.map((d) => [d.id, d]));
}

/** Reads a stream in the background; `events` fills as they arrive. */
export function openStream(server: RunningServer, user: TestUser, collection: CollectionName) {
	const aborter = new AbortController();
	const events: StreamEvent[] = [];
	let comments = 0;
	const done = (async () => {
		const res = await fetch(`${server.baseUrl}/api/sync/${collection}/stream`, {
			headers: { authorization: `Bearer ${user.token}` },
			signal: aborter.signal
		});
		if (!res.ok) throw new Error(`stream ${res.status}`);
		const parser = new SseParser();
		const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return;
			if (value.includes(': heartbeat')) comments++;
			for (const data of parser.push(value)) events.push(JSON.parse(data));
		}
	})().catch(() => undefined);
	return {
		events,
		get heartbeats() {
			return comments;
		},
		docs: () => events.flatMap((e) => (e === 'RESYNC' ? [] : e.documents)),
		async close() {
			aborter.abort();
			await done;
		}
	};
}
