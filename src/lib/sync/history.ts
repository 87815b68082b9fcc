/**
 * A record's change history from the server (GET /api/history/:collection/:id), and the
 * pure rules for showing it: which entries are losing values a user may restore.
 */
import { z } from 'zod';
import { api } from '$lib/auth/api';
import type { CollectionName } from '$lib/domain/collections';

export const historyEntrySchema = z.object({
	at: z.number(),
	userId: z.string().nullable().optional(),
	kind: z.enum(['create', 'edit', 'delete', 'conflict', 'refused']),
	field: z.string().optional(),
	value: z.unknown().optional(),
	previous: z.unknown().optional(),
	deviceAt: z.number().nullable().optional()
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const historyAnswer = z.object({ history: z.array(historyEntrySchema) });

export async function fetchHistory(
	collection: CollectionName,
	id: string,
	token: string | undefined
): Promise<HistoryEntry[]> {
	const { history } = await api(
		`/api/history/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`,
		historyAnswer,
		{ token }
	);
	return [...history].sort((a, b) => b.at - a.at);
}

const NOT_RESTORABLE = new Set(['id', 'updatedAt', '_deleted', 'ownerId']);

/** A losing value of a field that "Restore this value" can write back. */
export function isRestorable(entry: HistoryEntry): entry is HistoryEntry & { field: string } {
	return (
		entry.kind === 'conflict' &&
		!!entry.field &&
		!NOT_RESTORABLE.has(entry.field) &&
		'value' in entry
	);
}

/** A value as short text: strings as they are, lists joined, the rest as JSON. */
export function showValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return '—';
	if (typeof value === 'string') return value;
	if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
		return value.join(', ') || '—';
	const json = JSON.stringify(value);
	return json.length > 200 ? json.slice(0, 199) + '…' : json;
}
