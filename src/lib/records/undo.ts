/**
 * Delete with an Undo toast: the record is soft-deleted at once and the toast's Undo
 * brings back its last state. Works for any collection.
 */
import type { FieldbookDb } from '$lib/db/database';
import { deleteRecord, restoreRecord } from '$lib/db/records';
import type { CollectionName } from '$lib/domain/collections';
import { toasts } from '$lib/ui/toast.svelte';

export interface UndoLabels {
	/** Shown after deleting ("Order deleted"). */
	deleted: string;
	/** The toast's action ("Undo"). */
	undo: string;
}

/** Soft-deletes `collection/id` and offers Undo; resolves true when something was deleted. */
export async function deleteWithUndo(
	db: FieldbookDb,
	collection: CollectionName,
	id: string,
	labels: UndoLabels
): Promise<boolean> {
	const before = await deleteRecord(db, collection, id);
	if (!before) return false;
	toasts.show(labels.deleted, {
		actionLabel: labels.undo,
		action: () => restoreRecord(db, collection, before)
	});
	return true;
}
