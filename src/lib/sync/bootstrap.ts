/**
 * A fresh device's first sync of a collection, writing each pulled record once.
 *
 * RxDB's replication stores every pulled record twice: the document, and a copy in its meta
 * instance (the "assumed master state" a later push is based on). On a fresh device that
 * second copy is the same as the document until the user edits it, so here the pages of the
 * server's feed are written into the collection only, each document marked the way RxDB's
 * own pull marks them (`_meta.o`: "this revision came from the master"), and RxDB's
 * replication then starts from where this ended (`initialCheckpoint` for pull and push).
 * The copy is made when it is first needed: `keepBases` (base-keeper.ts) stores a document's
 * pulled state as its assumed master state just before the device first changes it.
 *
 * Runs only when the collection holds nothing at all (no record typed before the first
 * sync needs pushing). The push side starts after the bootstrap's last write; records the
 * device wrote while it ran are written again unchanged at the end (a new revision), so
 * they come after that point and are pushed. A page that fails ends it early; RxDB's
 * replication carries on from the last page written, as after a dropped connection.
 */
import {
	createRevision,
	getChangedDocumentsSince,
	getHeightOfRevision,
	now,
	type BulkWriteRow,
	type RxCollection,
	type RxStorageInstance
} from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Checkpoint, PullResponse, WireDoc } from '$lib/domain/sync/protocol';
import { withKnownAbsent } from '$lib/db/known-absent';
import { BOOTSTRAP_CONTEXT } from './write-contexts';
/** The context of moving the device's own writes made meanwhile past the push's start. */
export const BOOTSTRAP_LOCAL_CONTEXT = 'fieldbook-bootstrap-local';

/** The push side's position in the device's storage (RxDB's Dexie and memory storages). */
export interface ForkCheckpoint {
	id: string;
	lwt: number;
}

export interface BootstrapResult {
	/** Where the pull side goes on (the last page's checkpoint); undefined: nothing pulled. */
	pull?: Checkpoint;
	/** Where the push side starts: after the bootstrap's writes. */
	push?: ForkCheckpoint;
	/** Documents written. */
	written: number;
	/** Whether the server's feed was read to the end (false: a page failed). */
	complete: boolean;
	/** Pages stored, milliseconds spent waiting for a page and writing pages (benchmarks). */
	pages: number;
	waitMs: number;
	writeMs: number;
}

export interface BootstrapOptions {
	collection: RxCollection;
	/** RxDB's replication identifier ('rxdbreplication' + the replicationIdentifier). */
	identifier: string;
	/** The database's hash of `identifier` (RxDB's pull marks documents with it). */
	identifierHash: string;
	pullPage(checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse>;
	limit: number;
	/** Stops between pages (the replication was cancelled). */
	signal?: AbortSignal;
	/** Called with each page's number of documents once it is stored (progress). */
	onPage?: (documents: number) => void;
}

export type StoredDoc = Record<string, unknown> & {
	_rev: string;
	_meta: { lwt: number; o?: { _rev: number; hash: string } } & Record<string, unknown>;
};

/**
 * True when a stored document's revision is the one the replication wrote from the master
 * (RxDB's pull marks `_meta.o`; an edit on the device raises the revision past it).
 */
export function isPristineFromMaster(doc: StoredDoc, identifierHash: string): boolean {
	const o = doc._meta?.o;
	return !!o && o.hash === identifierHash && o._rev === getHeightOfRevision(doc._rev);
}

/** A pulled document as RxDB's pull would first store it. */
export function forkDocument(
	doc: WireDoc,
	identifier: string,
	identifierHash: string,
	previous?: StoredDoc
): StoredDoc {
	const height = previous ? getHeightOfRevision(previous._rev) + 1 : 1;
	return {
		...doc,
		_deleted: doc._deleted === true,
		_attachments: {},
		_rev: `${height}-${identifierHash}`,
		_meta: { lwt: now(), [identifier]: height, o: { _rev: height, hash: identifierHash } }
	};
}

/**
 * Writes the device's own records made during the bootstrap again, unchanged but with a new
 * revision, so they come after the bootstrap's writes and the push side (starting there)
 * sends them. One written again meanwhile (a conflict) is already after them.
 */
async function moveAfter(
	storage: RxStorageInstance<unknown, unknown, unknown>,
	ids: string[],
	databaseToken: string
): Promise<void> {
	if (!ids.length) return;
	const docs = (await storage.findDocumentsById(ids, true)) as unknown as StoredDoc[];
	const rows = docs.map((doc) => ({
		previous: doc,
		document: {
			...doc,
			_rev: createRevision(databaseToken, doc as never),
			_meta: { ...doc._meta, lwt: now() }
		}
	}));
	await storage.bulkWrite(rows as BulkWriteRow<unknown>[], BOOTSTRAP_LOCAL_CONTEXT);
}

async function isEmpty(storage: RxStorageInstance<unknown, unknown, unknown>): Promise<boolean> {
	const page = await getChangedDocumentsSince(storage, 1);
	return page.documents.length === 0;
}

/**
 * Writes one page: new documents (tombstones of records the device never had are skipped),
 * and newer states of documents written earlier in the bootstrap. A document the device has
 * changed meanwhile is left as RxDB's pull leaves it: its push (without a base) merges it.
 */
async function writePage(
	storage: RxStorageInstance<unknown, unknown, unknown>,
	docs: WireDoc[],
	identifier: string,
	identifierHash: string,
	stored: Set<string>
): Promise<number> {
	const rows = docs
		.filter((d) => d._deleted !== true)
		.map((d) => ({ document: forkDocument(d, identifier, identifierHash) }));
	const tombstones = docs.filter((d) => d._deleted === true);
	// The collection was empty when the bootstrap began and every write since is in `stored`:
	// the others need not be read before they are written.
	const absent = rows.map((r) => r.document.id as string).filter((id) => !stored.has(id));
	const result = rows.length
		? await withKnownAbsent(storage.databaseName, storage.collectionName, absent, () =>
				storage.bulkWrite(rows as BulkWriteRow<unknown>[], BOOTSTRAP_CONTEXT)
			)
		: { error: [] };
	let written = rows.length - result.error.length;
	// Conflicts: documents already stored (an earlier page held an older state), and tombstones.
	const byId = new Map(docs.map((d) => [d.id, d]));
	const again = result.error
		.map((e) => (e.status === 409 ? e.documentInDb : undefined))
		.filter((d) => d !== undefined) as unknown as StoredDoc[];
	if (tombstones.length) {
		const stored = (await storage.findDocumentsById(
			tombstones.map((d) => d.id),
			false
		)) as unknown as StoredDoc[];
		again.push(...stored);
	}
	const updates = again
		.filter((stored) => isPristineFromMaster(stored, identifierHash))
		.map((stored) => ({
			previous: stored,
			document: forkDocument(byId.get(stored.id as string)!, identifier, identifierHash, stored)
		}));
	if (updates.length) {
		const res = await storage.bulkWrite(updates as BulkWriteRow<unknown>[], BOOTSTRAP_CONTEXT);
		written += updates.length - res.error.length;
	}
	const failed = result.error.filter((e) => e.status !== 409);
	if (failed.length) throw new Error(`${failed.length} pulled documents could not be stored`);
	return written;
}

/**
 * Pulls `collection` from the start of the feed into the device when it holds nothing yet;
 * undefined when it already holds records (RxDB's replication then does it all).
 */
export async function bootstrapCollection(
	opts: BootstrapOptions
): Promise<BootstrapResult | undefined> {
	// The storage under RxDB's wrapper, which would replace `_meta` and `_rev` on insert.
	const wrapped = opts.collection.storageInstance as RxStorageInstance<
		unknown,
		unknown,
		unknown
	> & {
		originalStorageInstance?: RxStorageInstance<unknown, unknown, unknown>;
	};
	const storage = wrapped.originalStorageInstance ?? wrapped;
	const { identifierHash } = opts;
	// Listened to before the emptiness check, so no local write can fall between the two.
	const local = new Set<string>();
	// Every id written to the collection since the bootstrap began, by it or by the device.
	const stored = new Set<string>();
	let last: ForkCheckpoint | undefined;
	const sub: Subscription = storage.changeStream().subscribe((bulk) => {
		for (const event of bulk.events) {
			const doc = event.documentData as unknown as StoredDoc;
			const at = { id: doc.id as string, lwt: doc._meta.lwt };
			stored.add(at.id);
			if (bulk.context === BOOTSTRAP_CONTEXT) {
				if (!last || at.lwt > last.lwt || (at.lwt === last.lwt && at.id > last.id)) last = at;
			} else {
				local.add(at.id);
			}
		}
	});
	try {
		if (!(await isEmpty(storage))) return undefined;
		let checkpoint: Checkpoint | undefined;
		let written = 0;
		let complete = false;
		const timing = { pages: 0, waitMs: 0, writeMs: 0 };
		let next: Promise<PullResponse> | undefined = opts.pullPage(undefined, opts.limit);
		while (next && !opts.signal?.aborted) {
			let page: PullResponse;
			const waited = performance.now();
			try {
				page = await next;
			} catch {
				break; // offline or refused: the replication retries from `checkpoint`
			}
			const writing = performance.now();
			timing.waitMs += writing - waited;
			const more = page.documents.length >= opts.limit;
			const pageCheckpoint = page.checkpoint ?? checkpoint;
			// The next page is fetched while this one is written.
			next = more ? opts.pullPage(pageCheckpoint, opts.limit) : undefined;
			next?.catch(() => undefined);
			written += await writePage(storage, page.documents, opts.identifier, identifierHash, stored);
			timing.writeMs += performance.now() - writing;
			timing.pages++;
			opts.onPage?.(page.documents.length);
			checkpoint = pageCheckpoint;
			if (!more) complete = true;
		}
		await moveAfter(storage, [...local], opts.collection.database.token);
		return { pull: checkpoint, push: last, written, complete, ...timing };
	} finally {
		sub.unsubscribe();
	}
}
