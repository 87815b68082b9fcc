/**
 * Replicates the device's RxDB collections with the Fieldbook server: RxDB's
 * `replicateRxCollection` over plain fetch (pull, push) and an SSE stream read with fetch.
 * No Svelte here: the app and the Node tests use the same code.
 */
import { BehaviorSubject, Subject, filter, from, merge, take, type Observable } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import type { FieldbookDb } from '$lib/db/database';
import { COLLECTIONS, type CollectionName } from '$lib/domain/collection-names';
import {
	MAX_PULL_LIMIT,
	toWire,
	type Checkpoint,
	type PullResponse,
	type StreamEvent,
	type WireDoc
} from '$lib/domain/sync/protocol';
import { SseParser } from '$lib/domain/sync/sse';
import { bootstrapCollection, type ForkCheckpoint } from './bootstrap';
import { keepBases, type BaseKeeper } from './base-keeper';
import { replicationFlag } from './waiting';

export interface ReplicationOptions {
	db: FieldbookDb;
	/** '' in the browser (same origin), 'http://127.0.0.1:port' in Node. */
	baseUrl: string;
	getToken: () => string | undefined;
	/** Default: all six. */
	collections?: CollectionName[];
	/** Default true: stream changes and retry on errors. */
	live?: boolean;
	fetch?: typeof fetch;
	/** Default true in the browser (one tab leads), false in Node. */
	waitForLeadership?: boolean;
	/** Called on a 401: the session is missing, expired or revoked. */
	onUnauthorized?: () => void;
	/** Called when a push was answered with conflicts (merged or refused states the device adopts). */
	onConflictAnswered?: (collection: CollectionName, docs: unknown[]) => void;
	/** Milliseconds before a failed request is retried (RxDB's default 5000). */
	retryTime?: number;
	/** Milliseconds before a dropped stream reconnects (default 2000). */
	reconnectMs?: number;
	/** Documents per pull (default 1000, the protocol's maximum: see docs/SYNC.md "Pull"). */
	pullBatchSize?: number;
	/** Rows per push (default 100: keeps a batch of large records under the 1 MiB body limit). */
	pushBatchSize?: number;
	/**
	 * Default true: a collection that holds nothing yet is first filled by `bootstrapCollection`
	 * (each pulled record written once), then RxDB's replication carries on from there.
	 */
	bootstrap?: boolean;
}

export const PULL_BATCH_SIZE = MAX_PULL_LIMIT;
export const PUSH_BATCH_SIZE = 100;

/**
 * One collection's RxDB replication (observe `active$`, `error$`, `received$`, `sent$`).
 * Typed loosely on purpose: the six collections have different document types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CollectionReplication = RxReplicationState<any, any>;
type Doc = WireDoc & { _deleted: boolean };

export interface ReplicationHandle {
	states: Record<CollectionName, CollectionReplication>;
	/**
	 * Per collection, the first sync's bootstrap (bootstrap.ts), which runs before RxDB's
	 * replication starts: `booting$` is true from its start until RxDB's replication has
	 * taken over (is active, failed or in sync); `received$` emits each stored page's size.
	 */
	bootstrap: Record<
		CollectionName,
		{ booting$: Observable<boolean>; received$: Observable<number> }
	>;
	/**
	 * Resolves once every collection keeps the bases of its edits (base-keeper.ts), in this
	 * tab whether it leads or not: edits of stored records wait for it (db/edit-gate.ts).
	 */
	basesKept: Promise<void>;
	/** Pulls now (e.g. on 'online'). */
	reSync(): void;
	/** Resolves when every collection is in sync: for tests, never block the UI on it. */
	awaitInSync(): Promise<void>;
	/**
	 * Stops pulling and pushing until the returned function is called, which pushes what was
	 * written meanwhile and pulls again; replications that start meanwhile (this tab became
	 * the leader) are paused as they start. In a tab that does not lead, nothing runs either way.
	 */
	pause(): Promise<() => Promise<void>>;
	cancel(): Promise<void>;
}

/** An HTTP answer the replication cannot use; `status` 0 means the network failed. */
export class SyncHttpError extends Error {
	constructor(
		public readonly status: number,
		message: string
	) {
		super(message);
	}
}

/**
 * `emit` at once once `ready` has resolved; before that, one call is held until it does and
 * further calls fold into it.
 *
 * Used for the stream's RESYNC (both sides re-read from their stored checkpoints): while a
 * device's first sync is running, RxDB's push side would answer it by scanning every
 * document written since its checkpoint, which is every record being pulled, in pages of
 * the push batch size, each page also read from the meta instance only to find it equal,
 * and it keeps chasing the pull until that ends. Both sides began from their checkpoints
 * when the replication started, so nothing is missed by resyncing once the first sync is
 * done: the pull side then catches up on whatever changed between its last pull and the
 * stream's connect, and local writes made meanwhile are pushed as they happen.
 */
export function heldUntil(ready: Promise<unknown>, emit: () => void): () => void {
	let done = false;
	let held = false;
	void ready.then(
		() => {
			done = true;
			if (held) emit();
		},
		() => undefined // cancelled before the first sync ended: nothing to resync
	);
	return () => {
		if (done) emit();
		else held = true;
	};
}

/** A User Timing mark the benchmarks read (`fieldbook:sync:<collection>:<what>`). */
function markSync(name: string, what: string, detail?: unknown): void {
	if (typeof performance !== 'undefined' && typeof performance.mark === 'function')
		performance.mark(`fieldbook:sync:${name}:${what}`, { detail });
}

export function startReplication(opts: ReplicationOptions): ReplicationHandle {
	const collections = opts.collections ?? [...COLLECTIONS];
	const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
	const live = opts.live ?? true;
	const aborter = new AbortController();
	const states = {} as Record<CollectionName, CollectionReplication>;
	const bootstrap = {} as ReplicationHandle['bootstrap'];

	const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
		const token = opts.getToken();
		const headers = new Headers(init.headers);
		if (token) headers.set('authorization', `Bearer ${token}`);
		if (init.body) headers.set('content-type', 'application/json');
		let res: Response;
		try {
			res = await doFetch(opts.baseUrl + path, {
				...init,
				headers,
				signal: init.signal ?? aborter.signal
			});
		} catch (err) {
			throw new SyncHttpError(0, `Network error: ${(err as Error).message}`);
		}
		if (res.status === 401) opts.onUnauthorized?.();
		if (!res.ok) {
			const body = await res.text().catch(() => '');
			throw new SyncHttpError(
				res.status,
				`${init.method ?? 'GET'} ${path} answered ${res.status}: ${body.slice(0, 300)}`
			);
		}
		return res;
	};

	const keepers: BaseKeeper[] = [];
	const keeping: Promise<void>[] = [];

	const pullPage = async (base: string, checkpoint: Checkpoint | undefined, limit: number) => {
		const q = new URLSearchParams({ limit: String(limit) });
		if (checkpoint) q.set('checkpoint', JSON.stringify(checkpoint));
		const res = await request(`${base}/pull?${q}`);
		return (await res.json()) as PullResponse;
	};

	for (const name of collections) {
		const base = `/api/sync/${name}`;
		const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
		// Filled in by the bootstrap before the replication starts (read by RxDB's start()).
		const pull = {
			batchSize: opts.pullBatchSize ?? PULL_BATCH_SIZE,
			stream$: stream$.asObservable(),
			initialCheckpoint: undefined as Checkpoint | undefined,
			async handler(checkpoint: Checkpoint | undefined, batchSize: number) {
				const body = await pullPage(base, checkpoint, batchSize);
				return { documents: body.documents as Doc[], checkpoint: body.checkpoint ?? undefined };
			}
		};
		const push = {
			batchSize: opts.pushBatchSize ?? PUSH_BATCH_SIZE,
			initialCheckpoint: undefined as ForkCheckpoint | undefined,
			async handler(rows: { newDocumentState: Doc; assumedMasterState?: Doc }[]) {
				const body = rows.map((r) => {
					const assumed = r.assumedMasterState;
					return {
						newDocumentState: toWire(r.newDocumentState as Record<string, unknown>),
						assumedMasterState: assumed ? toWire(assumed as Record<string, unknown>) : undefined
					};
				});
				const res = await request(`${base}/push`, { method: 'POST', body: JSON.stringify(body) });
				const conflicts = (await res.json()) as Doc[];
				if (conflicts.length) opts.onConflictAnswered?.(name, conflicts);
				return conflicts;
			}
		};
		const replicationIdentifier = `fieldbook-${name}-${opts.baseUrl || 'same-origin'}`;
		const state = replicateRxCollection<Doc, Checkpoint>({
			replicationIdentifier,
			collection: opts.db[name] as never,
			live,
			retryTime: opts.retryTime ?? 5000,
			waitForLeadership: false,
			// Started below, once the bootstrap is done; RxDB's own start on a tab becoming
			// visible would start it before that.
			autoStart: false,
			toggleOnDocumentVisible: false,
			pull,
			push: push as never
		});
		states[name] = state;
		const booting$ = new BehaviorSubject(false);
		const bootReceived$ = new Subject<number>();
		bootstrap[name] = {
			booting$: booting$.asObservable(),
			received$: bootReceived$.asObservable()
		};
		let kept = () => {};
		keeping.push(new Promise<void>((resolve) => (kept = resolve)));
		void (async () => {
			const collection = opts.db[name] as never as RxCollection;
			const identifier = replicationFlag(state as never);
			const identifierHash = await collection.database.hashFunction(identifier).catch((e) => {
				kept();
				throw e;
			});
			// In every tab, leading or not: an edit in any tab needs its base kept.
			if (!aborter.signal.aborted)
				keepers.push(keepBases(collection, state as never, identifierHash));
			kept();
			const waitForLeadership = opts.waitForLeadership ?? typeof window !== 'undefined';
			if (waitForLeadership && opts.db.multiInstance) await opts.db.waitForLeadership();
			if (state.isStopped()) return;
			markSync(name, 'lead');
			if (opts.bootstrap ?? true) {
				booting$.next(true);
				const boot = await bootstrapCollection({
					collection,
					identifier,
					identifierHash,
					limit: pull.batchSize,
					signal: aborter.signal,
					onPage: (n) => bootReceived$.next(n),
					pullPage: (checkpoint, limit) => pullPage(base, checkpoint, limit)
				}).catch((e) => {
					console.error(`First sync of ${name} fell back to the replication`, e);
					return undefined;
				});
				pull.initialCheckpoint = boot?.pull;
				push.initialCheckpoint = boot?.push;
				if (boot) {
					const { written, pages, waitMs, writeMs } = boot;
					markSync(name, 'bootstrapped', { written, pages, waitMs, writeMs });
				}
			}
			if (booting$.value) {
				// Handed over without a moment of "idle" in between (the status would call the
				// first sync done).
				const handedOver = merge(
					state.active$.pipe(filter(Boolean)),
					state.error$,
					from(state.awaitInitialReplication())
				)
					.pipe(take(1))
					.subscribe(() => booting$.next(false));
				state.onCancel.push(() => {
					handedOver.unsubscribe();
					booting$.next(false);
				});
			}
			if (!state.isStopped()) await state.start();
		})().catch((e) => {
			booting$.next(false);
			console.error(`Could not start syncing ${name}`, e);
		});
		// Subscribed only once started, so no stream event is emitted before RxDB listens.
		void state.awaitInitialReplication().then(
			() => markSync(name, 'in-sync'),
			() => undefined
		);
		if (live) {
			const resync = heldUntil(state.awaitInitialReplication(), () => stream$.next('RESYNC'));
			void state.startPromise.then(() => readStream(`${base}/stream`, stream$, resync));
		}
	}

	/**
	 * Reads the SSE stream until cancelled, reconnecting after drops; the server sends RESYNC on
	 * each connect, passed on through `resync`.
	 */
	async function readStream(
		path: string,
		out: Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>,
		resync: () => void
	) {
		while (!aborter.signal.aborted) {
			try {
				const res = await request(path, { headers: { accept: 'text/event-stream' } });
				const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
				const parser = new SseParser();
				for (;;) {
					const { value, done } = await reader.read();
					if (done) break;
					for (const data of parser.push(value)) {
						const event = JSON.parse(data) as StreamEvent;
						if (event === 'RESYNC') resync();
						else out.next({ documents: event.documents as Doc[], checkpoint: event.checkpoint! });
					}
				}
			} catch {
				/* dropped or refused: wait and reconnect below */
			}
			if (aborter.signal.aborted) break;
			await new Promise((r) => setTimeout(r, opts.reconnectMs ?? 2000));
			if (!aborter.signal.aborted) resync();
		}
		out.complete();
	}

	return {
		states,
		bootstrap,
		basesKept: Promise.all(keeping).then(() => {}),
		reSync() {
			for (const s of Object.values(states)) s.reSync();
		},
		async awaitInSync() {
			await Promise.all(Object.values(states).map((s) => s.awaitInSync()));
		},
		async pause() {
			// Only replications that run in this tab resume: `start()` on one still waiting for
			// leadership would start it without being the leader. One that starts while paused
			// (leadership came meanwhile) is paused as it starts, and resumed with the others.
			const all = Object.values(states);
			const paused = all.filter((s) => s.wasStarted && !s.isPaused());
			let resumed = false;
			for (const s of all.filter((r) => !r.wasStarted)) {
				void s.startPromise.then(async () => {
					if (resumed || s.isStopped()) return;
					await s.pause();
					paused.push(s);
					if (resumed) await s.start();
				});
			}
			await Promise.all(paused.map((s) => s.pause()));
			return async () => {
				resumed = true;
				if (aborter.signal.aborted) return;
				await Promise.all(paused.map((s) => s.start()));
			};
		},
		async cancel() {
			aborter.abort();
			await Promise.all(Object.values(states).map((s) => s.cancel()));
			await Promise.all(keepers.map((k) => k.stop()));
		}
	};
}
