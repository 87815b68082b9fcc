/** Date-range presets of the report filters, as the [from, to) epoch-ms bounds reports take. */
import { addDays, startOfDay, startOfMonth, startOfQuarter, startOfYear } from 'date-fns';
import { z } from 'zod';

export const PRESETS = ['thisMonth', 'last30', 'thisQuarter', 'thisYear', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Range {
	from: number;
	to: number;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Local midnight of a `YYYY-MM-DD` input value; undefined when it is not a date. */
export function parseDay(value: string): number | undefined {
	if (!isoDate.safeParse(value).success) return undefined;
	const [y, m, d] = value.split('-').map(Number);
	const t = new Date(y, m - 1, d);
	return t.getMonth() === m - 1 && t.getDate() === d ? t.getTime() : undefined;
}

/** `YYYY-MM-DD` of the local day holding `t` (for date inputs). */
export function formatDay(t: number): string {
	const d = new Date(t);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The range a preset names, in whole local days ending with today (so today's orders and
 * customers count): this month, the last 30 days (today and the 29 before), this quarter,
 * this year. `custom` takes two `YYYY-MM-DD` values, both days included; it answers
 * undefined until both are dates and `from` is not after `to`.
 */
export function presetRange(
	preset: Preset,
	now: number,
	custom: { from: string; to: string } = { from: '', to: '' }
): Range | undefined {
	const end = addDays(startOfDay(now), 1).getTime();
	switch (preset) {
		case 'thisMonth':
			return { from: startOfMonth(now).getTime(), to: end };
		case 'last30':
			return { from: addDays(startOfDay(now), -29).getTime(), to: end };
		case 'thisQuarter':
			return { from: startOfQuarter(now).getTime(), to: end };
		case 'thisYear':
			return { from: startOfYear(now).getTime(), to: end };
		case 'custom': {
			const from = parseDay(custom.from);
			const last = parseDay(custom.to);
			if (from === undefined || last === undefined || from > last) return undefined;
			return { from, to: addDays(last, 1).getTime() };
		}
	}
}
