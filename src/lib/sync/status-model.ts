/**
 * Pure rules behind the sync status: what is remembered per user across reloads, how a
 * replication error reads to a person, and how server-merged records are listed.
 */
import * as z from 'zod/mini';
import { COLLECTIONS, type CollectionName } from '$lib/domain/collection-names';

export type WaitingCounts = Partial<Record<CollectionName, number>>;

/** A record whose push the server answered with another state (merged or refused). */
export interface ConflictNote {
	collection: CollectionName;
	id: string;
	at: number;
	/** A name to show (a customer's name, a campaign's name, an order number). */
	label?: string;
	/** The server answered a tombstone: the record is no longer visible to this user. */
	removed?: boolean;
	/** For a customer's child record, its customer (where its page is). */
	customerId?: string;
}

/** A problem in words: an i18n key (`sync.err.*`) and the technical detail, if any. */
export interface SyncProblem {
	key: string;
	detail?: string;
	at: number;
}

// zod/mini (functions, not methods: only what is used is bundled), since the sync badge
// reads this before the first paint; full zod would add ≈ 24 KiB gzipped to every page.
const collectionName = z.enum(COLLECTIONS);
export const rememberedSchema = z.object({
	lastSyncAt: z.optional(z.number()),
	waiting: z._default(z.partialRecord(collectionName, z.int().check(z.minimum(0))), {}),
	conflicts: z._default(
		z.array(
			z.object({
				collection: collectionName,
				id: z.string(),
				at: z.number(),
				label: z.optional(z.string()),
				removed: z.optional(z.boolean()),
				customerId: z.optional(z.string())
			})
		),
		[]
	),
	problem: z.optional(z.object({ key: z.string(), detail: z.optional(z.string()), at: z.number() }))
});
export type Remembered = z.infer<typeof rememberedSchema>;

export const MAX_CONFLICT_NOTES = 100;

export function statusKey(userId: string): string {
	return 'fieldbook.sync.' + userId;
}

/** Parses what was stored for a user; anything unreadable counts as nothing stored. */
export function readRemembered(raw: string | null | undefined): Remembered {
	if (raw) {
		try {
			const parsed = rememberedSchema.safeParse(JSON.parse(raw));
			if (parsed.success) return parsed.data;
		} catch {
			/* fall through */
		}
	}
	return { waiting: {}, conflicts: [] };
}

export function totalWaiting(waiting: WaitingCounts): number {
	return Object.values(waiting).reduce((n, c) => n + (c ?? 0), 0);
}

/** Adds notes newest first; one note per record (the newest), at most `max`. */
export function addConflictNotes(
	list: ConflictNote[],
	added: ConflictNote[],
	max = MAX_CONFLICT_NOTES
): ConflictNote[] {
	const seen = new Set<string>();
	const out: ConflictNote[] = [];
	for (const note of [...added].sort((a, b) => b.at - a.at).concat(list)) {
		const key = note.collection + '/' + note.id;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(note);
	}
	return out.slice(0, max);
}

/** The page (route and id) where a record is shown, if it has one. */
export function recordPage(
	note: Pick<ConflictNote, 'collection' | 'id' | 'customerId'>
): { route: '/customers/[id]' | '/campaigns/[id]'; id: string } | undefined {
	if (note.collection === 'customers') return { route: '/customers/[id]', id: note.id };
	if (note.collection === 'campaigns') return { route: '/campaigns/[id]', id: note.id };
	return note.customerId ? { route: '/customers/[id]', id: note.customerId } : undefined;
}

/** What to call a record in a list of conflicts. */
export function labelOf(doc: Record<string, unknown>): string | undefined {
	for (const field of ['name', 'orderNo', 'type']) {
		const v = doc[field];
		if (typeof v === 'string' && v.trim()) return v.trim();
	}
	return undefined;
}

/** Notes for the documents a push was answered with. */
export function notesFor(collection: CollectionName, docs: unknown[], at: number): ConflictNote[] {
	return docs.flatMap((d) => {
		if (!d || typeof d !== 'object' || typeof (d as { id?: unknown }).id !== 'string') return [];
		const doc = d as Record<string, unknown> & { id: string };
		const customerId = typeof doc.customerId === 'string' ? doc.customerId : undefined;
		return [
			{
				collection,
				id: doc.id,
				at,
				label: labelOf(doc),
				removed: doc._deleted === true || undefined,
				customerId
			}
		];
	});
}

interface ErrorLike {
	code?: string;
	message?: string;
	parameters?: { errors?: { message?: string }[]; direction?: string };
}

/** Turns an RxDB replication error (RC_PULL, RC_PUSH, RC_STREAM …) into words to show. */
export function describeSyncError(err: unknown, online: boolean, at: number): SyncProblem {
	const e = (err ?? {}) as ErrorLike;
	const inner =
		e.parameters?.errors?.map((x) => x.message ?? '').join('; ') || e.message || String(err);
	const detail = inner.slice(0, 300);
	if (!online || /Network error|Failed to fetch|NetworkError/i.test(inner))
		return { key: 'sync.err.network', detail, at };
	if (/answered 401/.test(inner)) return { key: 'sync.err.session', detail, at };
	if (/answered 5\d\d/.test(inner)) return { key: 'sync.err.server', detail, at };
	if (/answered 4\d\d/.test(inner)) return { key: 'sync.err.refused', detail, at };
	if (e.code === 'RC_PUSH') return { key: 'sync.err.push', detail, at };
	if (e.code === 'RC_PULL' || e.code === 'RC_STREAM') return { key: 'sync.err.pull', detail, at };
	return { key: 'sync.err.unknown', detail, at };
}
