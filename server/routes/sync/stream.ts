/**
 * The change stream (Server-Sent Events): "RESYNC" on connect, then the hub's events. Frames
 * are queued straight into the response body (no per-write TransformStream), and the hub's
 * events carry bytes encoded once for every stream that sends them.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../http/types';
import { userForToken } from '../../auth/sessions';
import type { CollectionName } from '#domain/collections';
import { hubFor } from '../../sync/hub';
import { sseFrame } from '../../sync/fanout';
import { loadViewer } from '../../sync/scope';

const DEFAULT_HEARTBEAT_MS = 20_000;
/** A device this far behind reading its stream is cut off; it reconnects, gets RESYNC and pulls. */
export const MAX_UNREAD_BYTES = 4 * 1024 * 1024;
const RESYNC = sseFrame('"RESYNC"');
const HEARTBEAT = new TextEncoder().encode(': heartbeat\n\n');

/**
 * Streams `collections` to the signed-in user; with `tagged`, each event is
 * `{collection, event}` so one stream serves several collections.
 */
export async function streamCollections(
	c: Context<AppEnv>,
	collections: CollectionName[],
	tagged: boolean
): Promise<Response> {
	const { database, syncHeartbeatMs } = c.var.deps;
	const viewer = await loadViewer(database.db, c.var.user);
	const token = c.var.token;
	let closed = false;
	const cleanups: (() => void)[] = [];
	const end = () => {
		if (closed) return;
		closed = true;
		for (const cleanup of cleanups) cleanup();
	};
	/** Runs `cleanup` when the stream ends (now, if it already has). */
	const onEnd = (cleanup: () => void) => (closed ? cleanup() : void cleanups.push(cleanup));
	let out!: ReadableStreamDefaultController<Uint8Array>;
	const write = (bytes: Uint8Array) => {
		if (closed) return;
		if ((out.desiredSize ?? 0) < -MAX_UNREAD_BYTES) {
			end();
			return out.error(new Error('The device stopped reading its stream'));
		}
		out.enqueue(bytes);
	};
	const body = new ReadableStream<Uint8Array>(
		{
			start(controller) {
				out = controller;
				controller.enqueue(RESYNC);
			},
			cancel: end
		},
		new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 })
	);
	c.req.raw.signal.addEventListener('abort', end);

	const hub = hubFor(database);
	const unsubscribes = await Promise.all(
		collections.map((collection) =>
			hub.subscribe({ collection, viewer, send: (event) => write(event.frame(tagged)) })
		)
	);
	unsubscribes.forEach(onEnd);
	const beat = async () => {
		if (await userForToken(database.db, token).catch(() => undefined)) return write(HEARTBEAT);
		end();
		try {
			out.close();
		} catch {
			/* already closed */
		}
	};
	// The first beat comes at a random point of the interval, so streams opened together
	// (a server restart) do not check their sessions all at once every interval.
	const every = syncHeartbeatMs ?? DEFAULT_HEARTBEAT_MS;
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	const first = setTimeout(() => {
		heartbeat = setInterval(beat, every);
		void beat();
	}, Math.random() * every);
	onEnd(() => {
		clearTimeout(first);
		clearInterval(heartbeat);
	});

	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			connection: 'keep-alive'
		}
	});
}
