/**
 * Applies a push batch in one transaction: validate, lock the batch's records (and the
 * customers its children name), decide each row (scope, merge), then one statement writes
 * the records in primary-key order, their history and the feed notification; scope hooks
 * follow for customers that arrived or moved. The feed positions are taken at COMMIT.
 */
import { z } from 'zod';
import type { Db } from '../db/client';
import { ApiError, invalid } from '../http/errors';
import type { PublicUser } from '../auth/user';
import { recordSchemas, type CollectionName } from '#domain/collections';
import { toWire, type PushRow, type WireDoc } from '#domain/sync/protocol';
import type { Doc } from '#domain/sync/merge';
import { decideRow, type HistoryEntry, type StoredRow } from './decide';
import { lockRecords, type LockedRow } from './feed';
import { canAssign, loadViewer } from './scope';
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
	return db.transaction(async (tx) => {
		const ids = [...new Set(prepared.map((p) => p.sent.id))];
		// Children copy their customer's owner: lock the customers they name (shared) so no
		// reassignment or arrival of those customers commits in between.
		const customerIds = new Set<string>();
		const named = (d: Doc | undefined) =>
			typeof d?.customerId === 'string' && collection !== 'customers' ? [d.customerId] : [];
		for (const p of prepared) for (const c of named(p.parsed)) customerIds.add(c);
		const asCustomers = (cs: string[]) =>
			cs.map((id) => ({ collection: 'customers' as const, id }));
		const locked = await lockRecords(
			tx,
			ids.map((id) => ({ collection, id })),
			asCustomers([...customerIds])
		);
		const viewer = await loadViewer(tx, user);
		const stored = storedOf(locked, collection, ids);
		// A stored child may name a customer the sent state does not (a move): lock it too.
		const more = [...stored.values()]
			.flatMap((r) => named(r.data))
			.filter((c) => !customerIds.has(c));
		if (more.length) {
			for (const [key, row] of await lockRecords(tx, [], asCustomers(more))) locked.set(key, row);
			for (const c of more) customerIds.add(c);
		}
		const customers =
			collection === 'customers' ? stored : storedOf(locked, 'customers', customerIds);
		const customerOwners = new Map([...customers].map(([id, c]) => [id, c.ownerId]));
		const assignable = new Map<string, boolean>();
		for (const p of prepared) {
			const owner = p.parsed.ownerId;
			if (collection === 'customers' && typeof owner === 'string' && !assignable.has(owner))
				assignable.set(owner, await canAssign(tx, viewer, owner));
		}

		const answers: WireDoc[] = [];
		const history: HistoryEntry[] = [];
		const before = new Map(stored);
		// The last state decided for each id (a batch may hold one id twice): written at once below.
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
