/**
 * Checking in at a customer from the Today page: a visit with `checkIn` when the position
 * is known, else a visit logged at `plannedAt = now` (the schema needs a position for a
 * check-in), so the rep never loses the visit.
 */
import type { FieldbookDb } from '$lib/db/database';
import type { Visit } from '$lib/domain';
import type { Position } from '$lib/records/geo';

/** The visit fields for a check-in at `now`, with or without a position. */
export function checkInInput(
	customerId: string,
	fix: Position | undefined,
	now: number
): Record<string, unknown> {
	return fix ? { customerId, checkIn: { at: now, ...fix } } : { customerId, plannedAt: now };
}

/**
 * Saves the check-in visit (validated by the visit schema) and returns it. The write path
 * (and zod with the record schemas) loads at the first check-in, not with the Today page.
 */
export async function checkIn(
	db: FieldbookDb,
	customerId: string,
	fix: Position | undefined,
	now = Date.now()
): Promise<Visit> {
	const { createRecord } = await import('$lib/db/records');
	return createRecord(db, 'visits', checkInInput(customerId, fix, now));
}
