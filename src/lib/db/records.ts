/**
 * Creating, editing, deleting and restoring records on the device. Every write is
 * validated with the domain's zod schema first, so the pages show errors at the field and
 * nothing invalid reaches IndexedDB or the sync server.
 */
import type { z } from 'zod';
import { recordSchemas, type CollectionName, type RecordTypes } from '$lib/domain/collections';
import { cleanInput } from '$lib/domain/common';
import { newId } from '$lib/domain/ids';
import type { FieldbookDb, LocalDoc } from './database';
import { editsReady } from './edit-gate';

/** Field errors keyed by dotted path (`phones.0`, `amount`), values are i18n keys. */
export type FieldErrors = Record<string, string>;

export class ValidationError extends Error {
	constructor(public readonly fields: FieldErrors) {
		super('Invalid record: ' + Object.keys(fields).join(', '));
	}
}

export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || '_';
		out[key] ??= issue.message;
	}
	return out;
}

/** Validates a whole record; throws ValidationError with per-field i18n keys. */
export function validateRecord<C extends CollectionName>(
	collection: C,
	raw: unknown
): RecordTypes[C] {
	const result = recordSchemas[collection].safeParse(cleanInput(raw));
	if (!result.success) throw new ValidationError(fieldErrors(result.error));
	return result.data as RecordTypes[C];
}

/** A strictly later edit time than `previous`, so edits on one device always order. */
export function nextUpdatedAt(previous = 0, now = Date.now()): number {
	return Math.max(now, previous + 1);
}

function toLocal<C extends CollectionName>(record: RecordTypes[C]): LocalDoc<C> {
	const { _deleted: _, ...rest } = record as RecordTypes[C] & { _deleted?: boolean };
	return rest as LocalDoc<C>;
}

/** Creates a record from form input (id and updatedAt are made here). */
export async function createRecord<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	input: Record<string, unknown>
): Promise<RecordTypes[C]> {
	const record = validateRecord(collection, {
		...input,
		id: newId(),
		updatedAt: nextUpdatedAt(),
		_deleted: false
	});
	await db[collection].insert(toLocal(record) as never);
	return record;
}

/** Replaces a record's fields with `next` (a whole edited record, as a form holds it). */
export async function updateRecord<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	id: string,
	next: Record<string, unknown>
): Promise<RecordTypes[C]> {
	await editsReady();
	const doc = await db[collection].findOne(id).exec();
	if (!doc) throw new Error(`${collection}/${id} not found`);
	const current = doc.toJSON() as Record<string, unknown>;
	const record = validateRecord(collection, {
		...next,
		id,
		updatedAt: nextUpdatedAt(current.updatedAt as number),
		_deleted: false
	});
	await doc.incrementalModify(() => toLocal(record) as never);
	return record;
}

/** Changes some fields of a record, keeping the rest. */
export async function patchRecord<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	id: string,
	patch: Record<string, unknown>
): Promise<RecordTypes[C]> {
	const doc = await db[collection].findOne(id).exec();
	if (!doc) throw new Error(`${collection}/${id} not found`);
	return updateRecord(db, collection, id, { ...(doc.toJSON() as object), ...patch });
}

/**
 * Soft-deletes a record (the tombstone keeps every field) and returns its last state, so
 * the page can offer undo with `restoreRecord`.
 */
export async function deleteRecord<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	id: string
): Promise<RecordTypes[C] | undefined> {
	await editsReady();
	const doc = await db[collection].findOne(id).exec();
	if (!doc) return undefined;
	const before = doc.toJSON() as unknown as RecordTypes[C];
	const updated = await doc.incrementalPatch({
		updatedAt: nextUpdatedAt(before.updatedAt)
	} as never);
	await updated.incrementalRemove();
	return before;
}

/** Brings a deleted record back with its last state (undo after delete). */
export async function restoreRecord<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	record: RecordTypes[C]
): Promise<void> {
	await editsReady();
	const restored = validateRecord(collection, {
		...record,
		updatedAt: nextUpdatedAt(record.updatedAt),
		_deleted: false
	});
	await db[collection].upsert(toLocal(restored) as never);
}

/** Inserts many valid records at once (imports, demo data, benchmarks). */
export async function bulkInsert<C extends CollectionName>(
	db: FieldbookDb,
	collection: C,
	records: RecordTypes[C][]
): Promise<number> {
	const res = await db[collection].bulkInsert(records.map((r) => toLocal(r)) as never[]);
	if (res.error.length) throw new Error(`${res.error.length} of ${records.length} records failed`);
	return res.success.length;
}
