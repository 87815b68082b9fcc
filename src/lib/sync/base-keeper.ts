/**
 * Keeps the state a device's edit is based on, for documents the first sync wrote without
 * RxDB's meta copy (bootstrap.ts). The server's field-level merge needs that base (DESIGN.md
 * "Conflicts"): without it every field the device did not touch would count as changed.
 *
 * Just before a document that is still exactly as pulled is first changed on the device
 * (a collection `preSave` hook: edits, deletes, restores), its pulled state is stored as the
 * replication's assumed master state, as RxDB's pull would have stored it. The hook runs in
 * every tab, not only in the one that runs the replication (it leads): an edit made in
 * another tab, or here before the replication has started (while the first sync still
 * runs), stores the base straight into the replication's meta storage, which all tabs share
 * and where the leading tab's push reads it.
 */
import {
	createRevision,
	getAssumedMasterState,
	getComposedPrimaryKeyOfDocumentData,
	getMetaWriteRow,
	now,
	type BulkWriteRow,
	type RxCollection,
	type RxJsonSchema,
	type RxStorageInstance
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { toWire, type WireDoc } from '$lib/domain/sync/protocol';
import { isPristineFromMaster, type StoredDoc } from './bootstrap';
import { KEEP_BASE_CONTEXT } from './write-contexts';

export interface BaseKeeper {
	stop(): Promise<void>;
}

type MetaStorage = RxStorageInstance<Record<string, unknown>, unknown, unknown>;

/** The document as the master holds it: RxDB's bookkeeping stripped, `_deleted` kept. */
function masterState(doc: StoredDoc): WireDoc {
	return { ...toWire(doc), _deleted: doc._deleted === true } as WireDoc;
}

export function keepBases(
	collection: RxCollection,
	state: RxReplicationState<unknown, unknown>,
	identifierHash: string
): BaseKeeper {
	let stopped = false;
	let meta: Promise<{ instance: MetaStorage; schema: RxJsonSchema<unknown> }> | undefined;
	/** The replication's meta storage, opened as RxDB's replication opens it. */
	const openMeta = () =>
		(meta ??= (async () => {
			const info = await (
				state as unknown as {
					metaInfoPromise: Promise<{ collectionName: string; schema: RxJsonSchema<unknown> }>;
				}
			).metaInfoPromise;
			const db = collection.database;
			const instance = (await db.storage.createStorageInstance({
				databaseName: db.name,
				collectionName: info.collectionName,
				databaseInstanceToken: db.token,
				multiInstance: db.multiInstance,
				options: {},
				schema: info.schema as never,
				password: db.password,
				devMode: false
			})) as unknown as MetaStorage;
			return { instance, schema: info.schema };
		})());
	/** Stores `base` as the assumed master state of `id` unless one is stored already. */
	const storeBase = async (id: string, base: WireDoc) => {
		const { instance, schema } = await openMeta();
		const metaId = getComposedPrimaryKeyOfDocumentData(schema as never, {
			itemId: id,
			isCheckpoint: '0'
		});
		const [known] = await instance.findDocumentsById([metaId], false);
		if (known) return;
		const document = {
			id: metaId,
			isCheckpoint: '0',
			itemId: id,
			docData: base,
			_attachments: {},
			_deleted: false,
			_rev: createRevision(collection.database.token),
			_meta: { lwt: now() }
		};
		// A conflict means another tab stored the same pulled state first.
		await instance.bulkWrite(
			[{ document }] as BulkWriteRow<Record<string, unknown>>[],
			KEEP_BASE_CONTEXT
		);
	};
	collection.preSave(async (_next: unknown, previous: unknown) => {
		const old = previous as StoredDoc | undefined;
		if (stopped || !old || !isPristineFromMaster(old, identifierHash)) return;
		const internal = state.internalReplicationState;
		const id = old.id as string;
		if (!internal) return storeBase(id, masterState(old));
		const known = await getAssumedMasterState(internal as never, [id]);
		if (known[id]) return;
		const row = await getMetaWriteRow(internal as never, masterState(old) as never, undefined);
		await internal.input.metaInstance.bulkWrite([row as never], KEEP_BASE_CONTEXT);
	}, false);
	return {
		async stop() {
			stopped = true;
			const opened = meta;
			meta = undefined;
			if (opened) await (await opened).instance.close();
		}
	};
}
