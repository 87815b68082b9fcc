/** Saving a form's input: a new record, or the edited fields over an existing one; and the submit handler the record forms share. */
import { current } from '$lib/db/current.svelte';
import type { FieldbookDb } from '$lib/db/database';
import { createRecord, updateRecord } from '$lib/db/records';
import type { CollectionName, RecordTypes } from '$lib/domain/collections';
import type { FormState } from './form.svelte';

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

/**
 * A form's submit handler that saves a record of `collection` into the open database:
 * `existing()` is the record being edited (undefined for a new one), `input()` the draft as
 * record input; `onsaved` gets the stored record. Errors show through `form`.
 */
export function recordSubmit<C extends CollectionName>(
	form: FormState,
	collection: C,
	existing: () => RecordTypes[C] | undefined,
	input: () => Record<string, unknown>,
	onsaved?: (record: RecordTypes[C]) => void
): (e: SubmitEvent) => Promise<void> {
	return async (e) => {
		e.preventDefault();
		const db = current.db;
		if (!db) return;
		const saved = await form.save(() => saveRecord(db, collection, existing(), input()));
		if (saved) onsaved?.(saved);
	};
}
