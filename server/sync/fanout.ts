/**
 * Stream fan-out, pure: which of the feed rows one read found each subscriber may see, as
 * events serialised once — subscribers that see the same rows share one event and its bytes.
 */
import type { CollectionName } from '#domain/collections';
import { canSee, type Viewer } from './scope';

/** A feed row as the hub reads it: the document as JSON text plus its scope columns. */
export interface FeedRow {
	seq: number;
	collection: CollectionName;
	json: string;
	owner_id: string | null;
	pushed_by: string | null;
	customer_owner_id: string | null;
	/** Set for a per-user tombstone (`sync_user_feed`): only that user sees it. */
	user_id: string | null;
}

export interface FanOutTarget {
	collection: CollectionName;
	viewer: Viewer;
	send(event: FeedEvent): void;
}

const encoder = new TextEncoder();

/** One stream event (`{documents, checkpoint}` or `"RESYNC"`), with its SSE frames encoded once. */
export class FeedEvent {
	#plain?: Uint8Array;
	#tagged?: Uint8Array;

	private constructor(
		readonly collection: CollectionName,
		/** The event as JSON text (`{"documents":[…],"checkpoint":{"seq":n}}` or `"RESYNC"`). */
		readonly json: string
	) {}

	static documents(collection: CollectionName, docs: string[], lastSeq: number): FeedEvent {
		return new FeedEvent(
			collection,
			`{"documents":[${docs.join(',')}],"checkpoint":{"seq":${lastSeq}}}`
		);
	}

	static #resyncs = new Map<CollectionName, FeedEvent>();

	static resync(collection: CollectionName): FeedEvent {
		let event = FeedEvent.#resyncs.get(collection);
		if (!event) FeedEvent.#resyncs.set(collection, (event = new FeedEvent(collection, '"RESYNC"')));
		return event;
	}

	/**
	 * The SSE frame `data: <json>\n\n`; `tagged` wraps the event as `{collection, event}` for
	 * the shared multi-collection stream. JSON text never holds a raw newline: one data line.
	 */
	frame(tagged: boolean): Uint8Array {
		if (tagged)
			return (this.#tagged ??= sseFrame(
				`{"collection":${JSON.stringify(this.collection)},"event":${this.json}}`
			));
		return (this.#plain ??= sseFrame(this.json));
	}
}

export function sseFrame(json: string): Uint8Array {
	return encoder.encode(`data: ${json}\n\n`);
}

export function rowVisible(viewer: Viewer, row: FeedRow): boolean {
	if (row.user_id !== null) return row.user_id === viewer.id;
	return canSee(viewer, {
		collection: row.collection,
		ownerId: row.owner_id,
		pushedBy: row.pushed_by ?? '',
		customerOwner: row.customer_owner_id ?? undefined
	});
}

/**
 * Sends each target the rows (in feed order) of its collection that its viewer sees, as
 * one event whose checkpoint is the last of those rows; targets with nothing get nothing.
 */
export function fanOut(rows: FeedRow[], targets: Iterable<FanOutTarget>): void {
	const events = new Map<string, FeedEvent>();
	for (const target of targets) {
		const picked: number[] = [];
		for (let i = 0; i < rows.length; i++)
			if (rows[i].collection === target.collection && rowVisible(target.viewer, rows[i]))
				picked.push(i);
		if (!picked.length) continue;
		const key = `${target.collection}:${picked.join(',')}`;
		let event = events.get(key);
		if (!event) {
			const last = rows[picked[picked.length - 1]];
			event = FeedEvent.documents(
				target.collection,
				picked.map((i) => rows[i].json),
				Number(last.seq)
			);
			events.set(key, event);
		}
		target.send(event);
	}
}
