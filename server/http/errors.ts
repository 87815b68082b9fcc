/** The API's error shape (DESIGN.md): `{error: {code, message, issues?}}` with a 4xx status. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export class ApiError extends Error {
	constructor(
		public readonly status: ContentfulStatusCode,
		public readonly code: string,
		message: string,
		public readonly issues?: unknown[]
	) {
		super(message);
	}
}

export function errorBody(code: string, message: string, issues?: unknown[]) {
	return { error: issues ? { code, message, issues } : { code, message } };
}

export function sendError(c: Context, err: ApiError) {
	return c.json(errorBody(err.code, err.message, err.issues), err.status);
}

/** A 400 listing zod's issues (path, message, code) so a client can point at the field. */
export function invalid(error: z.ZodError, what = 'request'): ApiError {
	return new ApiError(
		400,
		'invalid_input',
		`Invalid ${what}: ` +
			error.issues
				.slice(0, 5)
				.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
				.join('; '),
		error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message }))
	);
}

export const unauthorized = () =>
	new ApiError(401, 'unauthorized', 'Sign in first: the session is missing, expired or revoked.');
export const forbidden = (what = 'This request') =>
	new ApiError(403, 'forbidden', `${what} is not allowed for your role.`);
export const notFound = (what = 'Resource') => new ApiError(404, 'not_found', `${what} not found.`);
