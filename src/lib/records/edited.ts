/** What an edit form changed, for saving only that over the record as stored. */
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
