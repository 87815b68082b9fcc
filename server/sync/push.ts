/**
 * Applies a push batch: validate, read the batch's records (and the customers its children
 * name), decide each row (scope, merge), then one statement writes the records in
 * primary-key order, their history and the feed notification. Optimistic first (read
 * without locks; the write statement locks and checks nothing changed, else retry), then
 * locked (a transaction that locks before reading) for retries exhausted and for pushes
 * that run scope hooks (customers that arrived or moved). Feed positions are taken at
 * COMMIT (docs/SYNC.md "The change feed never skips").
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { ApiError, invalid } from '../http/errors';
import type { PublicUser } from '../auth/user';
import { recordSchemas, type CollectionName } from '#domain/collections';
import { toWire, type PushRow, type WireDoc } from '#domain/sync/protocol';
import type { Doc } from '#domain/sync/merge';
import { decideRow, type HistoryEntry, type StoredRow } from './decide';
import { lockRecords, readRecords, type LockedRow, type RecordKey } from './feed';
import { canAssign, loadViewer, type Viewer } from './scope';
import { recordWrite, writeBatch, type RecordWrite } from './writes';
import { customerArrived, customerReassigned } from './reassign';

interface Prepared {
	sent: Doc;
	parsed: Doc;
	base: Doc | undefined;
}

/** Checks every row against the collection's schema; a row no conforming client sends is a 400. */
export function prepareRows(collection: CollectionName, rows: PushRow[]): Prepared[] {
	return rows.map((row, i) => {
		const sent = {
			...toWire(row.newDocumentState),
			_deleted: row.newDocumentState._deleted ?? false
		} as Doc;
		const parsed = recordSchemas[collection].safeParse(sent);
		if (!parsed.success) {
			const issues = parsed.error.issues.map((issue) => ({
				...issue,
				path: [i, 'newDocumentState', ...issue.path]
			}));
			throw invalid(new z.ZodError(issues), 'push');
		}
		const base = row.assumedMasterState
			? ({ _deleted: false, ...toWire(row.assumedMasterState) } as Doc)
			: undefined;
		if (base && base.id !== sent.id)
			throw new ApiError(
				400,
				'invalid_input',
				`Row ${i}: assumedMasterState is for another record.`
			);
		return { sent, parsed: parsed.data as Doc, base };
	});
}

/** The rows of `collection` among `locked`, by id. */
function storedOf(
	locked: Map<string, LockedRow>,
	collection: CollectionName,
	ids: Iterable<string>
): Map<string, StoredRow> {
	const out = new Map<string, StoredRow>();
	for (const id of ids) {
		const r = locked.get(`${collection}/${id}`);
		if (r)
			out.set(id, {
				data: r.data as Doc,
				ownerId: r.ownerId,
				customerId: r.customerId,
				pushedBy: r.pushedBy
			});
	}
	return out;
}

/** Customers a row's state names (children only). */
const named = (collection: CollectionName, d: Doc | undefined) =>
	typeof d?.customerId === 'string' && collection !== 'customers' ? [d.customerId] : [];
const asCustomers = (cs: Iterable<string>): RecordKey[] =>
	[...cs].map((id) => ({ collection: 'customers' as const, id }));

/** What a push's decision rests on: the stored rows, their customers, the pusher's reach. */
interface Loaded {
	ids: string[];
	rows: Map<string, LockedRow>;
	customerIds: Set<string>;
	viewer: Viewer;
	assignable: Map<string, boolean>;
}

/**
 * Reads what the decision needs through `read` (locking or not): the batch's records and the
 * customers their states name, then customers that only the stored states name (a move).
 */
async function load(
	db: Db,
	read: (write: RecordKey[], read: RecordKey[]) => Promise<Map<string, LockedRow>>,
	user: PublicUser,
	collection: CollectionName,
	prepared: Prepared[]
): Promise<Loaded> {
	const ids = [...new Set(prepared.map((p) => p.sent.id))];
	const customerIds = new Set(prepared.flatMap((p) => named(collection, p.parsed)));
	const rows = await read(
		ids.map((id) => ({ collection, id })),
		asCustomers(customerIds)
	);
	const viewer = await loadViewer(db, user);
	const more = ids
		.flatMap((id) => named(collection, rows.get(`${collection}/${id}`)?.data as Doc | undefined))
		.filter((c) => !customerIds.has(c));
	if (more.length) {
		for (const [key, row] of await read([], asCustomers(more))) rows.set(key, row);
		for (const c of more) customerIds.add(c);
	}
	const assignable = new Map<string, boolean>();
	for (const p of prepared) {
		const owner = p.parsed.ownerId;
		if (collection === 'customers' && typeof owner === 'string' && !assignable.has(owner))
			assignable.set(owner, await canAssign(db, viewer, owner));
	}
	return { ids, rows, customerIds, viewer, assignable };
}

/** Decides every row against what `load` read; nothing is written here. */
function decideBatch(
	loaded: Loaded,
	user: PublicUser,
	collection: CollectionName,
	prepared: Prepared[],
	now: number
) {
	const { rows, viewer, assignable } = loaded;
	const stored = storedOf(rows, collection, loaded.ids);
	const customers =
		collection === 'customers' ? stored : storedOf(rows, 'customers', loaded.customerIds);
	const customerOwners = new Map([...customers].map(([id, c]) => [id, c.ownerId]));
	const answers: WireDoc[] = [];
	const history: HistoryEntry[] = [];
	const before = new Map(stored);
	// The last state decided for each id (a batch may hold one id twice): written at once.
	const writes = new Map<string, RecordWrite>();
	for (const p of prepared) {
		const previous = stored.get(p.sent.id);
		const decision = decideRow({
			collection,
			viewer,
			now,
			sent: p.sent,
			parsed: p.parsed,
			base: p.base,
			stored: previous,
			customerOwners,
			mayAssign: (o) => typeof o === 'string' && assignable.get(o) === true
		});
		history.push(...decision.history);
		if (decision.answer) answers.push(decision.answer);
		if (!decision.write) continue;
		const customerId = decision.write.customerId;
		const next = recordWrite(
			collection,
			decision.write,
			previous?.pushedBy ?? user.id,
			typeof customerId === 'string' ? (customerOwners.get(customerId) ?? null) : null
		);
		writes.set(p.sent.id, next);
		stored.set(p.sent.id, next);
		if (collection === 'customers') customerOwners.set(p.sent.id, next.ownerId);
	}
	return { answers, history, writes, before };
}

/** Optimistic attempts before a push takes its locks up front. */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * The optimistic push (two round trips): read without locks, decide, then ONE autocommit
 * statement whose guard (`sync_push_check`) takes the locks and checks that what the
 * decision rested on is unchanged before the rows are written; its commit takes the feed
 * positions. `'retry'`: something changed, nothing was written. `'locked'`: the push
 * changes scope (a new customer, an owner change) and runs hooks: take the locked path.
 */
async function pushOptimistic(
	db: Db,
	user: PublicUser,
	collection: CollectionName,
	prepared: Prepared[],
	now: number
): Promise<WireDoc[] | 'retry' | 'locked'> {
	const loaded = await load(
		db,
		(write, read) => readRecords(db, [...write, ...read]),
		user,
		collection,
		prepared
	);
	const { answers, history, writes, before } = decideBatch(loaded, user, collection, prepared, now);
	if (collection === 'customers')
		for (const [id, next] of writes) {
			const previous = before.get(id);
			if (!previous || previous.ownerId !== next.ownerId) return 'locked';
		}
	const key = (k: RecordKey) => [k.collection, k.id];
	const expect = loaded.ids.map((id) => [
		collection,
		id,
		loaded.rows.get(`${collection}/${id}`)?.seq ?? null
	]);
	const customers = [...loaded.customerIds].map((id) => {
		const row = loaded.rows.get(`customers/${id}`);
		return [id, row?.ownerId ?? null, row !== undefined];
	});
	// A manager's reach is their team: the guard checks it is the team the decision used.
	const team =
		user.role === 'manager'
			? JSON.stringify({
					manager: user.id,
					team: [...loaded.viewer.owners].filter((o) => o !== user.id).sort()
				})
			: null;
	const guard = sql`sync_push_check(
		${JSON.stringify(loaded.ids.map((id) => key({ collection, id })))}::jsonb,
		${JSON.stringify(asCustomers(loaded.customerIds).map(key))}::jsonb,
		${JSON.stringify(expect)}::jsonb, ${JSON.stringify(customers)}::jsonb, ${team}::jsonb)`;
	const written = await writeBatch(db, collection, [...writes.values()], history, guard);
	return written ? answers : 'retry';
}

/**
 * The locked push: one transaction that takes the record locks and reads in one statement,
 * decides, writes, and runs the scope hooks for customers that arrived or moved.
 */
function pushLocked(
	db: Db,
	user: PublicUser,
	collection: CollectionName,
	prepared: Prepared[],
	now: number
): Promise<WireDoc[]> {
	return db.transaction(async (tx) => {
		const loaded = await load(
			tx,
			(write, read) => lockRecords(tx, write, read),
			user,
			collection,
			prepared
		);
		const { answers, history, writes, before } = decideBatch(
			loaded,
			user,
			collection,
			prepared,
			now
		);
		await writeBatch(tx, collection, [...writes.values()], history);
		if (collection === 'customers')
			for (const [id, next] of writes) {
				const previous = before.get(id);
				if (!previous) await customerArrived(tx, next);
				else if (previous.ownerId !== next.ownerId) await customerReassigned(tx, previous, next);
			}
		return answers;
	});
}

/** Answers the states the device must adopt (`[]` when all rows were taken as sent). */
export async function applyPush(
	db: Db,
	user: PublicUser,
	collection: CollectionName,
	rows: PushRow[],
	now: number
): Promise<WireDoc[]> {
	const prepared = prepareRows(collection, rows).sort((a, b) =>
		a.sent.id < b.sent.id ? -1 : a.sent.id > b.sent.id ? 1 : 0
	);
	if (!prepared.length) return [];
	for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
		const answer = await pushOptimistic(db, user, collection, prepared, now);
		if (answer === 'locked') break;
		if (answer !== 'retry') return answer;
	}
	return pushLocked(db, user, collection, prepared, now);
}
