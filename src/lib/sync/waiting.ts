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
	let checkpoint = await upstreamCheckpoint(state);
	let count = 0;
	for (;;) {
		const page = await getChangedDocumentsSince(storage, batch, checkpoint);
		count += countLocalRevisions(page.documents as unknown as DocMeta[], flag);
		if (page.documents.length < batch) return count;
		checkpoint = page.checkpoint;
	}
}
