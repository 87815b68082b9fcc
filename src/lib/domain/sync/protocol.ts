/**
 * The replication protocol's shapes (DESIGN.md "HTTP contract"), shared by the server
 * and the client: opaque checkpoints, pull limits, push rows and stream events.
 */
import { z } from 'zod';

/** A position in the change feed. Opaque to clients: they send back what they got. */
export const checkpointSchema = z
	.object({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
	.strict();
export type Checkpoint = z.output<typeof checkpointSchema>;

export const DEFAULT_PULL_LIMIT = 100;
export const MAX_PULL_LIMIT = 1000;

/** The pull query: `checkpoint` is URL-encoded JSON, `limit` 1–1000 (never clamped). */
export const pullQuerySchema = z.object({
	checkpoint: z
		.string()
		.max(200, 'checkpoint is too long')
		.transform((raw, ctx) => {
			let parsed: unknown;
			try {
				parsed = JSON.parse(raw);
			} catch {
				ctx.addIssue({ code: 'custom', message: 'checkpoint must be the JSON a pull answered' });
				return z.NEVER;
			}
			if (parsed === null) return null;
			const cp = checkpointSchema.safeParse(parsed);
			if (!cp.success) {
				ctx.addIssue({ code: 'custom', message: 'checkpoint is not one this server answered' });
				return z.NEVER;
			}
			return cp.data;
		})
		.optional(),
	limit: z
		.string()
		.regex(/^\d{1,7}$/, 'limit must be a whole number')
		.transform(Number)
		.pipe(
			z.number().int().min(1, 'limit must be 1–1000').max(MAX_PULL_LIMIT, 'limit must be 1–1000')
		)
		.optional()
});

/** A document as it travels: a plain JSON object (the record, `_deleted` included). */
export type WireDoc = Record<string, unknown> & {
	id: string;
	updatedAt: number;
	_deleted?: boolean;
};

const wireDoc = z.looseObject({ id: z.string(), updatedAt: z.number() });

/** A push body: what RxDB's push handler sends. Record contents are checked per collection. */
export const pushBodySchema = z
	.array(
		z.object({
			newDocumentState: wireDoc,
			assumedMasterState: wireDoc.nullish()
		})
	)
	.max(MAX_PULL_LIMIT, 'at most 1000 rows per push');
export type PushRow = z.output<typeof pushBodySchema>[number];

export interface PullResponse {
	documents: WireDoc[];
	checkpoint: Checkpoint | null;
}

/** One stream event's data: a batch, or "RESYNC" (pull from your checkpoint now). */
export type StreamEvent = PullResponse | 'RESYNC';

/** RxDB's bookkeeping fields never travel. */
export function toWire(doc: Record<string, unknown>): WireDoc {
	const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc;
	return rest as WireDoc;
}
