/**
 * Building blocks shared by every record schema: ids, moments, calendar dates, money,
 * phones and emails. Error messages are i18n keys (see $lib/i18n) so app and server agree.
 */
import { z } from 'zod';

/** Earliest and latest moment a record may carry (2000-01-01 … 2100-01-01, epoch ms). */
export const MIN_MOMENT = 946_684_800_000;
export const MAX_MOMENT = 4_102_444_800_000;

export const uuid = z
	.string()
	.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'err.uuid')
	.max(36);

/** A user id (server-made UUID, or `local` for the device's own user before sign-in). */
export const userId = z.string().min(1, 'err.required').max(64, 'err.tooLong');

/** A moment: integer epoch milliseconds within a sane range. */
export const moment = z
	.number('err.number')
	.int('err.integer')
	.min(MIN_MOMENT, 'err.momentRange')
	.max(MAX_MOMENT, 'err.momentRange');

/** `updatedAt`: epoch ms of the last edit on the device. */
export const updatedAt = z.number().int().min(0).max(MAX_MOMENT);

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
	const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
	return d <= days;
}

export const calendarDate = z.string().max(10, 'err.date').refine(isCalendarDate, 'err.date');

/** Today's calendar date in local time, `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** True when a number has at most two decimals (tolerating binary floating point). */
export function hasAtMostTwoDecimals(n: number): boolean {
	return Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
}

/** Money in the organisation's currency: non-negative, at most two decimals. */
export const money = z
	.number('err.number')
	.min(0, 'err.nonNegative')
	.max(1_000_000_000_000, 'err.tooLarge')
	.refine(hasAtMostTwoDecimals, 'err.twoDecimals');

/** Rounds to cents, so sums of money stay money. */
export function roundMoney(n: number): number {
	return Math.round(n * 100) / 100;
}

export const rating = z
	.number('err.number')
	.int('err.integer')
	.min(1, 'err.rating')
	.max(5, 'err.rating');

/** Optional free text: trimmed, bounded. Empty strings are removed by `cleanInput`. */
export function text(max: number) {
	return z.string().trim().max(max, 'err.tooLong');
}

export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Normalises a phone number as typed to E.164: mainland-China mobiles (`138 0013 8000`,
 * `+86 138…`, `0086 138…`) and landlines with area code (`010-1234 5678`) get +86;
 * numbers written with `+` or `00` keep their country code. Returns the input trimmed
 * when it cannot be read as a phone number, so validation reports it.
 */
export function normalizePhone(raw: string): string {
	const s = raw.trim();
	const digits = s.replace(/[\s\-().·]/g, '');
	if (/^\+\d+$/.test(digits)) return digits;
	if (/^00\d+$/.test(digits)) return '+' + digits.slice(2);
	if (/^1[3-9]\d{9}$/.test(digits)) return '+86' + digits;
	if (/^0[1-9]\d{8,10}$/.test(digits)) return '+86' + digits.slice(1);
	return s;
}

/** True when a normalised number is a valid mainland mobile or a plausible E.164 number. */
export function isValidPhone(e164: string): boolean {
	if (!E164.test(e164)) return false;
	if (e164.startsWith('+86')) {
		const national = e164.slice(3);
		// A mobile, Beijing (10) with a 7–8 digit local number, or another area code.
		return (
			/^1[3-9]\d{9}$/.test(national) ||
			/^10\d{7,8}$/.test(national) ||
			/^[2-9]\d{8,10}$/.test(national)
		);
	}
	return true;
}

export const phone = z.preprocess(
	(v) => (typeof v === 'string' ? normalizePhone(v) : v),
	z.string().max(16, 'err.phone').refine(isValidPhone, 'err.phone')
);

export const email = z.preprocess(
	(v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
	z.email('err.email').max(254, 'err.email')
);

/** Fields every synced record has. */
export const baseFields = {
	id: uuid,
	updatedAt,
	_deleted: z.boolean().default(false)
};

/**
 * Prepares raw form or import input for a schema: trims strings, drops empty strings,
 * empty arrays of strings stay arrays. Never changes non-string values.
 */
export function cleanInput<T>(value: T): T {
	if (typeof value === 'string') return value.trim() as T;
	if (Array.isArray(value)) {
		return value.map((v) => cleanInput(v)).filter((v) => !(typeof v === 'string' && v === '')) as T;
	}
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			const c = cleanInput(v);
			if (c === '' || c === undefined || c === null) continue;
			out[k] = c;
		}
		return out as T;
	}
	return value;
}
