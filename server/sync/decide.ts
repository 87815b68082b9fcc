/**
 * Decides one pushed row against the stored record: refuse it (scope), merge it, or take it
 * as sent. Pure given what the push loaded; push.ts does the IO.
 */
import { recordSchemas, type CollectionName } from '#domain/collections';
import { jsonEqual } from '#domain/sync/canonical';
import { mergeRecord, type Doc } from '#domain/sync/merge';
import { canSee, type Viewer } from './scope';

export interface StoredRow {
	data: Doc;
	ownerId: string | null;
	customerId: string | null;
	pushedBy: string;
}

export interface HistoryEntry {
	collection: CollectionName;
	recordId: string;
	at: number;
	userId: string;
	kind: 'create' | 'edit' | 'delete' | 'conflict' | 'refused';
	field?: string | null;
	value?: unknown;
	previous?: unknown;
	deviceAt?: number | null;
}

export interface RowInput {
	collection: CollectionName;
	viewer: Viewer;
	now: number;
	/** What the device sent (`_deleted` defaulted) and the same after schema parsing. */
	sent: Doc;
	parsed: Doc;
	base: Doc | undefined;
	stored: StoredRow | undefined;
	/** Owner of each customer id the row mentions; absent when the customer has not arrived. */
	customerOwners: Map<string, string | null>;
	/** Whether the pushing user may give a customer to `ownerId`. */
	mayAssign: (ownerId: unknown) => boolean;
}

export interface RowDecision {
	/** The state to store, when it differs from what is stored. */
	write?: Doc;
	/** The state the device must adopt, when it differs from what it sent. */
	answer?: Doc;
	history: HistoryEntry[];
}

const SKIP = new Set(['id', 'updatedAt']);

function changedFields(from: Doc | undefined, to: Doc): string[] {
	const keys = new Set([...Object.keys(from ?? {}), ...Object.keys(to)]);
	return [...keys].filter((k) => !SKIP.has(k) && !jsonEqual(from?.[k], to[k])).sort();
}

function customerOwnerOf(input: RowInput, doc: Doc | undefined): string | null | undefined {
	const cid = doc?.customerId;
	if (typeof cid !== 'string' || !input.customerOwners.has(cid)) return undefined;
	return input.customerOwners.get(cid)!;
}

export function decideRow(input: RowInput): RowDecision {
	const { collection, viewer, now, sent, parsed, stored } = input;
	const entry = (
		e: Omit<HistoryEntry, 'collection' | 'recordId' | 'at' | 'userId'> & { userId?: string }
	) => ({
		collection,
		recordId: sent.id,
		at: now,
		userId: viewer.id,
		...e
	});
	const refuseWhole = (): RowDecision => {
		const fields = changedFields(stored?.data, parsed);
		return {
			answer: { ...sent, _deleted: true },
			history: (fields.length ? fields : [null]).map((f) =>
				entry({
					kind: 'refused',
					field: f,
					value: f ? parsed[f] : parsed,
					previous: f ? stored?.data[f] : undefined,
					deviceAt: sent.updatedAt
				})
			)
		};
	};

	const isChild = collection !== 'customers' && collection !== 'campaigns';
	if (stored) {
		const placement = {
			collection,
			ownerId: stored.ownerId,
			pushedBy: stored.pushedBy,
			customerOwner: customerOwnerOf(input, stored.data)
		};
		if (!canSee(viewer, placement)) return refuseWhole();
	}
	if (isChild) {
		const owner = customerOwnerOf(input, parsed);
		if (
			owner !== undefined &&
			!canSee(viewer, { collection, ownerId: null, pushedBy: viewer.id, customerOwner: owner })
		)
			return refuseWhole();
	}

	const history: HistoryEntry[] = [];
	let { merged, losers } = mergeRecord(input.base, stored?.data, parsed, now);
	if (
		collection === 'customers' &&
		merged.ownerId !== stored?.ownerId &&
		!input.mayAssign(merged.ownerId)
	) {
		history.push(
			entry({
				kind: 'refused',
				field: 'ownerId',
				value: merged.ownerId,
				previous: stored?.ownerId,
				deviceAt: sent.updatedAt
			})
		);
		merged = { ...merged, ownerId: stored?.ownerId ?? viewer.id };
		losers = losers.filter((l) => l.field !== 'ownerId');
	}
	if (stored && !recordSchemas[collection].safeParse(merged).success) {
		// Two valid states whose fields do not combine into a valid record: keep the stored one, log the device's values.
		merged = stored.data;
		losers = changedFields(stored.data, parsed).map((f) => ({
			field: f,
			value: parsed[f],
			updatedAt: sent.updatedAt,
			side: 'device' as const
		}));
	}
	for (const l of losers) {
		history.push(
			entry({
				kind: 'conflict',
				field: l.field,
				value: l.value,
				userId: l.side === 'device' ? viewer.id : stored!.pushedBy,
				deviceAt: l.updatedAt
			})
		);
	}
	const answer = jsonEqual(merged, sent) ? undefined : merged;
	if (stored && jsonEqual(merged, stored.data)) return { answer, history };
	if (!stored) {
		history.push(entry({ kind: 'create', value: merged, deviceAt: sent.updatedAt }));
	} else {
		for (const f of changedFields(stored.data, merged)) {
			if (f === '_deleted' && merged._deleted)
				history.push(entry({ kind: 'delete', deviceAt: sent.updatedAt }));
			else
				history.push(
					entry({
						kind: 'edit',
						field: f,
						value: merged[f],
						previous: stored.data[f],
						deviceAt: sent.updatedAt
					})
				);
		}
	}
	return { write: merged, answer, history };
}
