/** Follow-ups a visit asked for, and whether a later check-in has answered them. */
import type { Visit } from '../domain';
import { visitTime } from './filters';

export interface OpenFollowUp {
	visitId: string;
	customerId: string;
	dueAt: number;
}

/**
 * The follow-ups still open: visits with `nextFollowUpAt` for whose customer no visit was
 * checked in after that visit happened (its check-in, else its planned time). A check-in
 * before the due date still answers it: the rep went back. Sorted by due time.
 */
export function openFollowUps(visits: readonly Visit[]): OpenFollowUp[] {
	return openFollowUpsOf(visits);
}

/**
 * openFollowUps itself; reports count the same follow-ups through `openFollowUpsMemo` in
 * indexes.ts (typed, by customer position, unsorted).
 */
export function openFollowUpsOf(visits: readonly Visit[]): OpenFollowUp[] {
	const lastCheckIn = new Map<string, number>();
	for (const v of visits) {
		if (v.checkIn && v.checkIn.at > (lastCheckIn.get(v.customerId) ?? -Infinity)) {
			lastCheckIn.set(v.customerId, v.checkIn.at);
		}
	}
	const open: OpenFollowUp[] = [];
	for (const v of visits) {
		if (v.nextFollowUpAt === undefined) continue;
		const happened = visitTime(v) ?? -Infinity;
		if ((lastCheckIn.get(v.customerId) ?? -Infinity) > happened) continue;
		open.push({ visitId: v.id, customerId: v.customerId, dueAt: v.nextFollowUpAt });
	}
	return open.sort((a, b) => a.dueAt - b.dueAt || (a.visitId < b.visitId ? -1 : 1));
}
