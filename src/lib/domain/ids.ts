/** Record ids: UUID v7, so they sort by creation time and carry it. */
import { v7 } from 'uuid';

export function newId(): string {
	return v7();
}

/** The creation moment encoded in a UUID v7, or undefined for other ids. */
export function idTime(id: string): number | undefined {
	if (id[14] !== '7') return undefined;
	const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
	return Number.isFinite(ms) ? ms : undefined;
}

/** When a record was created: its own `createdAt`, else its id's time, else its last edit. */
export function createdAtOf(r: { id: string; updatedAt: number; createdAt?: number }): number {
	return r.createdAt ?? idTime(r.id) ?? r.updatedAt;
}
