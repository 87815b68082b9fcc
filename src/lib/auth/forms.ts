/** Form helpers shared by the sign-in, setup and user admin pages. */
import type { z } from 'zod';
import { fieldErrors } from '$lib/db/records';
import { ApiFailure } from './api';

export type FormErrors = Record<string, string>;

/** Parses a form with `schema`: the data, or errors keyed by field (i18n keys). */
export function checkForm<T>(
	schema: z.ZodType<T>,
	input: unknown
): { data: T; errors?: undefined } | { data?: undefined; errors: FormErrors } {
	const result = schema.safeParse(input);
	return result.success ? { data: result.data } : { errors: fieldErrors(result.error) };
}

/**
 * The server's field errors of a 400/409 as shown at the field. Its messages are English
 * sentences; a field the form knows gets the generic key with the server's words beside it.
 */
export function serverFieldErrors(err: unknown, known: string[]): FormErrors {
	if (!(err instanceof ApiFailure)) return {};
	const out: FormErrors = {};
	for (const [path, message] of Object.entries(err.fields)) {
		if (known.includes(path)) out[path] = message;
	}
	return out;
}
