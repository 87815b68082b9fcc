/** What an edit form changed, and saving only that over the record as stored. */
import type { FieldbookDb } from '$lib/db/database';
import { patchRecord } from '$lib/db/records';
import type { CollectionName, RecordTypes } from '$lib/domain/collections';
import { jsonEqual } from '$lib/domain/sync/canonical';

/**
 * The fields a form changed: those whose value in `input` differs from `initial`, the input
 * the form held when it opened (a field left out of `input` is a cleared one, undefined).
 */
export function editedFields(
	initial: Record<string, unknown>,
	input: Record<string, unknown>
): Record<string, unknown> {
	const edited: Record<string, unknown> = {};
	for (const key of new Set([...Object.keys(initial), ...Object.keys(input)])) {
		if (!jsonEqual(initial[key] ?? null, input[key] ?? null)) edited[key] = input[key];
	}
	return edited;
}

/**
 * Writes the fields changed from `initial` to `input` over record `id` as stored now (a
 * change synced in meanwhile to another field stays); with nothing changed, writes nothing
 * and answers the stored record.
 */
export async function saveEdits<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	id: string,
	initial: Record<string, unknown>,
	input: Record<string, unknown>
): Promise<RecordTypes[C]> {
	const edited = editedFields(initial, input);
	if (Object.keys(edited).length > 0) return patchRecord(db, collection, id, edited);
	const stored = await db[collection].findOne(id).exec();
	if (!stored) throw new Error(`${collection}/${id} not found`);
	return stored.toJSON() as RecordTypes[C];
}
