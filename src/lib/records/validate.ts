/**
 * Checking a form's input against the domain schema before anything is written, so a form
 * can show errors at the field on blur. Same rules as createRecord/updateRecord.
 */
import type { CollectionName } from '$lib/domain/collections';
import { validateRecord, ValidationError, type FieldErrors } from '$lib/db/records';

const PLACEHOLDER_ID = '00000000-0000-7000-8000-000000000000';

/** The field errors (`path` → i18n key) of `input`, or `{}` when it is a valid record. */
export function checkRecord(
	collection: CollectionName,
	input: Record<string, unknown>
): FieldErrors {
	try {
		validateRecord(collection, { id: PLACEHOLDER_ID, updatedAt: 1, _deleted: false, ...input });
		return {};
	} catch (e) {
		if (e instanceof ValidationError) return e.fields;
		throw e;
	}
}
