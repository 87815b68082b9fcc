/** Saving a form's input: a new record, or the edited fields over an existing one; and the submit handler the record forms share. */
import { current } from '$lib/db/current.svelte';
import type { FieldbookDb } from '$lib/db/database';
import { createRecord, updateRecord } from '$lib/db/records';
import type { CollectionName, RecordTypes } from '$lib/domain/collections';
import { saveEdits } from './edited';
import type { FormState } from './form.svelte';

/**
 * Creates when `existing` is undefined, else writes `input` over it (blank fields are
 * cleared). With `initial`, the input the form started from, only the fields the user
 * changed are written, over the record as stored at the moment of saving: a change another
 * device made to another field while the form was open (synced in meanwhile) stays.
 */
export function saveRecord<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	existing: RecordTypes[C] | undefined,
	input: Record<string, unknown>,
	initial?: Record<string, unknown>
): Promise<RecordTypes[C]> {
	if (!existing) return createRecord(db, collection, input);
	if (!initial) return updateRecord(db, collection, existing.id, { ...existing, ...input });
	return saveEdits(db, collection, existing.id, initial, input);
}

/**
 * A form's submit handler that saves a record of `collection` into the open database:
 * `existing()` is the record being edited (undefined for a new one), `input()` the draft as
 * record input; `onsaved` gets the stored record. Errors show through `form`. Call it where
 * the form's draft has just been filled from the record: the input then is what the form
 * started from, and only fields changed since are saved (`saveRecord`).
 */
export function recordSubmit<C extends CollectionName>(
	form: FormState,
	collection: C,
	existing: () => RecordTypes[C] | undefined,
	input: () => Record<string, unknown>,
	onsaved?: (record: RecordTypes[C]) => void
): (e: SubmitEvent) => Promise<void> {
	const initial = existing() ? input() : undefined;
	return async (e) => {
		e.preventDefault();
		const db = current.db;
		if (!db) return;
		const saved = await form.save(() => saveRecord(db, collection, existing(), input(), initial));
		if (saved) onsaved?.(saved);
	};
}
