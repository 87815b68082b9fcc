/**
 * The contexts our own storage writes carry, so change listeners can tell them from edits.
 * Kept apart (no zod, no replication code) because the waiting count, on the first page,
 * reads them.
 */

/** A first sync's bulk fill of an empty collection (bootstrap.ts). */
export const BOOTSTRAP_CONTEXT = 'fieldbook-bootstrap';

/** A pulled state kept as the assumed master before the first local change (base-keeper.ts). */
export const KEEP_BASE_CONTEXT = 'fieldbook-keep-base';
