/** Saving a form's input: a new record, or the edited fields over an existing one. */
import type { FieldbookDb } from '$lib/db/database';
import { createRecord, updateRecord } from '$lib/db/records';
import type { CollectionName, RecordTypes } from '$lib/domain/collections';

/** Creates when `existing` is undefined, else replaces its fields with `input` (blank fields are cleared). */
export function saveRecord<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	existing: RecordTypes[C] | undefined,
	input: Record<string, unknown>
): Promise<RecordTypes[C]> {
	return existing
		? updateRecord(db, collection, existing.id, { ...existing, ...input })
		: createRecord(db, collection, input);
}
