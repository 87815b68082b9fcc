/**
 * Counts a collection's changes waiting to sync from RxDB's own bookkeeping, so the count
 * is right across reloads: documents the push side has not passed yet (after its stored
 * checkpoint) whose current revision was written on this device, not pulled.
 */
import {
	getChangedDocumentsSince,
	getComposedPrimaryKeyOfDocumentData,
	getHeightOfRevision,
	type RxStorageInstance
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { jsonEqual } from '$lib/domain/sync/canonical';
import { BOOTSTRAP_CONTEXT, KEEP_BASE_CONTEXT } from './write-contexts';

interface DocMeta {
	_rev: string;
	_meta: Record<string, unknown>;
}

/** True when the revision was made on this device (the replication flags what it pulls). */
export function isLocalRevision(doc: DocMeta, identifier: string): boolean {
	return getHeightOfRevision(doc._rev) !== doc._meta[identifier];
}

export function countLocalRevisions(docs: DocMeta[], identifier: string): number {
	return docs.reduce((n, d) => n + (isLocalRevision(d, identifier) ? 1 : 0), 0);
}

/**
 * Whether a storage write (by its bulkWrite context) can change a waiting count. Pulled
 * documents (`replication-downstream-…` on the collection), the meta entries stored for them
 * (`replication-down-write-meta`) and checkpoint moves (`replication-set-checkpoint`) cannot:
 * a pull never replaces a change waiting to be pushed, and the push side records each pushed
 * state (`replication-up-…`) before it moves its checkpoint. During a first sync those are
 * nearly every write, and each count reads every document after the push checkpoint. The
 * first sync's own writes (bootstrap.ts) are pulled documents too, and a kept base
 * (base-keeper.ts) comes just before the edit that does change the count.
 */
export function canChangeWaiting(context: string): boolean {
	return !(
		context.startsWith('replication-downstream-') ||
		context === 'replication-down-write-meta' ||
		context === 'replication-set-checkpoint' ||
		context === BOOTSTRAP_CONTEXT ||
		context === KEEP_BASE_CONTEXT
	);
}

/** The flag the replication writes into `_meta` of documents it pulled. */
export function replicationFlag(state: RxReplicationState<unknown, unknown>): string {
	return 'rxdbreplication' + state.replicationIdentifier;
}

/** The push side's stored checkpoint in this device's storage (undefined before any push). */
async function upstreamCheckpoint(state: RxReplicationState<unknown, unknown>): Promise<unknown> {
	const meta = state.metaInstance;
	if (!meta) return undefined;
	const id = getComposedPrimaryKeyOfDocumentData(meta.schema, {
		isCheckpoint: '1',
		itemId: 'up'
	} as never);
	const [doc] = await meta.findDocumentsById([id], false);
	return (doc as { checkpointData?: unknown } | undefined)?.checkpointData;
}

/** Strips what RxDB keeps to itself, as it does before storing a pushed state. */
function pushedShape(doc: Record<string, unknown>): Record<string, unknown> {
	const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc;
	return rest;
}

/**
 * How many of `docs` the server already has as they are: RxDB stores each pushed state in
 * its meta instance, but may move the push checkpoint only later (or, for writes made while
 * it was starting, at the next start), so a checkpoint alone over-counts.
 */
async function countAlreadyPushed(
	state: RxReplicationState<unknown, unknown>,
	docs: Record<string, unknown>[]
): Promise<number> {
	const meta = state.metaInstance;
	if (!meta || docs.length === 0) return 0;
	const primary = state.collection.schema.primaryPath as string;
	const ids = docs.map((d) =>
		getComposedPrimaryKeyOfDocumentData(meta.schema, {
			itemId: d[primary],
			isCheckpoint: '0'
		} as never)
	);
	const metaDocs = (await meta.findDocumentsById(ids, true)) as unknown as {
		itemId: string;
		docData: unknown;
	}[];
	const pushed = new Map(metaDocs.map((m) => [m.itemId, m.docData]));
	return docs.filter((d) => {
		const master = pushed.get(d[primary] as string);
		return (
			master !== undefined &&
			jsonEqual(pushedShape(master as Record<string, unknown>), pushedShape(d))
		);
	}).length;
}

/**
 * Changes of this collection waiting to sync, or undefined while the replication has not
 * started in this tab (another tab leads). Reads in batches, so large stores stay cheap.
 */
export async function countWaiting(
	state: RxReplicationState<unknown, unknown>,
	batch = 1000
): Promise<number | undefined> {
	if (!state.metaInstance) return undefined;
	const storage = state.collection.storageInstance as RxStorageInstance<
		unknown,
		unknown,
		unknown,
		unknown
	>;
	const flag = replicationFlag(state);
	// Before RxDB has stored the push side's first checkpoint, it starts where it was told to
	// (after a first sync's bootstrap: after every record the bootstrap wrote).
	let checkpoint = (await upstreamCheckpoint(state)) ?? state.push?.initialCheckpoint;
	let count = 0;
	for (;;) {
		const page = await getChangedDocumentsSince(storage, batch, checkpoint);
		const local = (page.documents as unknown as (DocMeta & Record<string, unknown>)[]).filter((d) =>
			isLocalRevision(d, flag)
		);
		count += local.length - (await countAlreadyPushed(state, local));
		if (page.documents.length < batch) return count;
		checkpoint = page.checkpoint;
	}
}
