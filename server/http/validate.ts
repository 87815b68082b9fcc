/** Reading a request's JSON body and query through zod, answering 400 on anything else. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, invalid } from './errors';

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
	let raw: unknown;
	try {
		raw = await c.req.json();
	} catch {
		throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw invalid(parsed.error, 'body');
	return parsed.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
	const parsed = schema.safeParse(c.req.query());
	if (!parsed.success) throw invalid(parsed.error, 'query');
	return parsed.data;
}
