/** Day arithmetic for labels on the Today page ("overdue 3 days", "Tomorrow"). */
import { DAY_MS, startOfLocalDay } from './select';

/** Whole calendar days from the day of `from` to the day of `to` (negative when earlier). */
export function daysBetween(from: number, to: number): number {
	return Math.round((startOfLocalDay(to) - startOfLocalDay(from)) / DAY_MS);
}
