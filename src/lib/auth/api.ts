/**
 * Calls to the Fieldbook API with the bearer token and the error shape of DESIGN.md. Every
 * failure becomes an `ApiFailure` with a status (0 when the server could not be reached)
 * and an i18n key a page can show.
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';

// zod/mini (as in public-user.ts): the session refresh calls the API on the first page.
export const errorBodySchema = z.object({
	error: z.object({
		code: z.string(),
		message: z.string(),
		issues: z.optional(
			z.array(
				z.looseObject({
					path: z.optional(z.array(z.union([z.string(), z.number()]))),
					message: z.optional(z.string())
				})
			)
		)
	})
});

export class ApiFailure extends Error {
	constructor(
		public readonly status: number,
		public readonly code: string,
		message: string,
		/** Field path → server message, from a 400's zod issues. */
		public readonly fields: Record<string, string> = {}
	) {
		super(message);
	}

	get offline(): boolean {
		return this.status === 0;
	}
}

/** Turns a non-2xx answer (status and parsed body, if any) into an ApiFailure. */
export function toApiFailure(status: number, body: unknown): ApiFailure {
	const parsed = errorBodySchema.safeParse(body);
	if (!parsed.success)
		return new ApiFailure(status, 'http_' + status, `The server answered ${status}.`);
	const { code, message, issues } = parsed.data.error;
	const fields: Record<string, string> = {};
	for (const issue of issues ?? []) {
		const key = (issue.path ?? []).join('.') || '_';
		fields[key] ??= issue.message ?? message;
	}
	return new ApiFailure(status, code, message, fields);
}

/** The i18n key that says, in words a person can act on, what went wrong. */
export function failureKey(
	err: unknown,
	context: 'signIn' | 'setup' | 'general' = 'general'
): string {
	if (!(err instanceof ApiFailure)) return 'auth.err.unexpected';
	if (err.status === 0) return 'auth.err.network';
	if (err.status === 401)
		return context === 'signIn' ? 'auth.err.badCredentials' : 'auth.err.sessionEnded';
	if (err.status === 403) return 'auth.err.forbidden';
	if (err.status === 409)
		return context === 'setup' ? 'auth.err.alreadySetUp' : 'auth.err.conflict';
	if (err.status === 429) return 'auth.err.rateLimited';
	if (err.status === 400) return 'auth.err.invalid';
	if (err.status === 404) return 'auth.err.notFound';
	if (err.status >= 500) return 'auth.err.server';
	return 'auth.err.unexpected';
}

export interface ApiRequest {
	method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	body?: unknown;
	token?: string;
	fetch?: typeof fetch;
	signal?: AbortSignal;
}

/**
 * Calls `path` (e.g. `/api/me`) and parses the answer with `schema` (zod or zod/mini);
 * throws ApiFailure.
 */
export async function api<T>(path: string, schema: $ZodType<T>, req: ApiRequest = {}): Promise<T> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (req.body !== undefined) headers['content-type'] = 'application/json';
	if (req.token) headers.authorization = `Bearer ${req.token}`;
	let res: Response;
	try {
		res = await (req.fetch ?? fetch)(path, {
			method: req.method ?? 'GET',
			headers,
			body: req.body === undefined ? undefined : JSON.stringify(req.body),
			signal: req.signal
		});
	} catch (e) {
		if ((e as Error)?.name === 'AbortError') throw e;
		throw new ApiFailure(0, 'network', 'The server could not be reached.');
	}
	const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
	if (!res.ok) throw toApiFailure(res.status, body);
	const parsed = z.safeParse(schema, body);
	if (!parsed.success)
		throw new ApiFailure(res.status, 'bad_answer', 'The server answered in an unexpected shape.');
	return parsed.data;
}
