/**
 * Keeps the state a device's edit is based on, for documents the first sync wrote without
 * RxDB's meta copy (bootstrap.ts). The server's field-level merge needs that base (DESIGN.md
 * "Conflicts"): without it every field the device did not touch would count as changed.
 *
 * Just before a document that is still exactly as pulled is first changed on the device
 * (a collection `preSave` hook: edits, deletes, restores), its pulled state is stored as the
 * replication's assumed master state, as RxDB's pull would have stored it. Before the
 * replication has started (an edit made while the first sync is still running) it is held
 * in memory and the push fills it in.
 */
import { getAssumedMasterState, getMetaWriteRow, type RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { toWire, type WireDoc } from '$lib/domain/sync/protocol';
import { isPristineFromMaster, type StoredDoc } from './bootstrap';
import { KEEP_BASE_CONTEXT } from './write-contexts';

export interface BaseKeeper {
	/** The held base of `id`, for a push row RxDB sent without one. */
	heldBase(id: string): WireDoc | undefined;
	/** Forgets held bases once their pushes were answered. */
	pushed(ids: string[]): void;
	stop(): void;
}

/** The document as the master holds it: RxDB's bookkeeping stripped, `_deleted` kept. */
function masterState(doc: StoredDoc): WireDoc {
	return { ...toWire(doc), _deleted: doc._deleted === true } as WireDoc;
}

export function keepBases(
	collection: RxCollection,
	state: RxReplicationState<unknown, unknown>,
	identifierHash: string
): BaseKeeper {
	const held = new Map<string, WireDoc>();
	let stopped = false;
	collection.preSave(async (_next: unknown, previous: unknown) => {
		const old = previous as StoredDoc | undefined;
		if (stopped || !old || !isPristineFromMaster(old, identifierHash)) return;
		const internal = state.internalReplicationState;
		const id = old.id as string;
		if (!internal) {
			if (!held.has(id)) held.set(id, masterState(old));
			return;
		}
		const known = await getAssumedMasterState(internal as never, [id]);
		if (known[id]) return;
		const row = await getMetaWriteRow(internal as never, masterState(old) as never, undefined);
		await internal.input.metaInstance.bulkWrite([row as never], KEEP_BASE_CONTEXT);
	}, false);
	return {
		heldBase: (id) => held.get(id),
		pushed(ids) {
			for (const id of ids) held.delete(id);
		},
		stop() {
			stopped = true;
			held.clear();
		}
	};
}
