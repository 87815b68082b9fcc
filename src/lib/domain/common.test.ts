import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	calendarDate,
	cleanInput,
	email,
	hasAtMostTwoDecimals,
	isCalendarDate,
	isValidPhone,
	MAX_MOMENT,
	moment,
	money,
	normalizePhone,
	phone,
	rating,
	roundMoney,
	today,
	uuid
} from './common';

const messageOf = (schema: z.ZodType, value: unknown) => {
	const r = schema.safeParse(value);
	return r.success ? undefined : r.error.issues[0].message;
};

describe('normalizePhone', () => {
	it.each([
		['138 0013 8000', '+8613800138000'],
		['13800138000', '+8613800138000'],
		['+86 138 0013 8000', '+8613800138000'],
		['+86-138-0013-8000', '+8613800138000'],
		['0086 138 0013 8000', '+8613800138000'],
		['  (138) 0013-8000  ', '+8613800138000'],
		['010-12345678', '+861012345678'],
		['0755 8888 6666', '+8675588886666'],
		['+44 20 7946 0958', '+442079460958'],
		['0044 20 7946 0958', '+442079460958'],
		['+1 (415) 555-0100', '+14155550100']
	])('reads %s as %s', (raw, expected) => {
		expect(normalizePhone(raw)).toBe(expected);
		expect(phone.parse(raw)).toBe(expected);
	});

	it('leaves what it cannot read (trimmed) for validation to report', () => {
		expect(normalizePhone('  call me  ')).toBe('call me');
		expect(normalizePhone('12345')).toBe('12345');
	});
});

describe('phone', () => {
	it.each([
		'12345',
		'call me',
		'+86 123 45',
		'+0 123 4567 890',
		'138 0013 800',
		'238 0013 8000',
		'+1234567890123456',
		''
	])('refuses %j with err.phone', (raw) => {
		expect(messageOf(phone, raw)).toBe('err.phone');
	});

	it('knows mainland mobile prefixes 13–19', () => {
		expect(isValidPhone('+8619912345678')).toBe(true);
		expect(isValidPhone('+8612812345')).toBe(false);
		expect(isValidPhone('+861012345678')).toBe(true);
		expect(isValidPhone('+8612812345678')).toBe(false);
		expect(isValidPhone('+862012345678')).toBe(true);
	});

	it('answers an i18n key for an over-long date', () => {
		expect(messageOf(calendarDate, '2024-01-011')).toBe('err.date');
	});

	it('refuses non-strings', () => {
		expect(phone.safeParse(13800138000).success).toBe(false);
	});
});

describe('email', () => {
	it('trims and lower-cases', () => {
		expect(email.parse('  Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
	});
	it.each(['zhang', 'a@', '@b.com', 'a b@c.com', 'x'.repeat(250) + '@a.com'])(
		'refuses %j',
		(raw) => {
			expect(messageOf(email, raw)).toBe('err.email');
		}
	);
});

describe('calendar dates', () => {
	it.each(['2024-02-29', '2023-02-28', '2000-02-29', '1900-01-01', '2100-12-31', '2023-12-31'])(
		'accepts %s',
		(d) => {
			expect(isCalendarDate(d)).toBe(true);
			expect(calendarDate.parse(d)).toBe(d);
		}
	);
	it.each([
		'2023-02-29',
		'1900-02-29',
		'2023-04-31',
		'2023-13-01',
		'2023-00-10',
		'2023-01-00',
		'2023-1-5',
		'20230105',
		'1899-12-31',
		''
	])('refuses %j', (d) => {
		expect(isCalendarDate(d)).toBe(false);
		expect(messageOf(calendarDate, d)).toBe('err.date');
	});
	it('refuses a moment written as a date', () => {
		expect(isCalendarDate('2023-01-05T00:00')).toBe(false);
		expect(calendarDate.safeParse('2023-01-05T00:00').success).toBe(false);
	});
	it('formats today in local time', () => {
		expect(today(new Date(2024, 0, 5, 23, 30))).toBe('2024-01-05');
	});
});

describe('money', () => {
	it.each([0, 1, 19.99, 0.1 + 0.2, 1234567.89])('accepts %d', (n) => {
		expect(money.safeParse(n).success).toBe(true);
	});
	it('allows at most two decimals', () => {
		expect(messageOf(money, 1.005)).toBe('err.twoDecimals');
		expect(hasAtMostTwoDecimals(12.34)).toBe(true);
		expect(hasAtMostTwoDecimals(12.345)).toBe(false);
	});
	it('refuses negatives, huge values and non-numbers', () => {
		expect(messageOf(money, -0.01)).toBe('err.nonNegative');
		expect(messageOf(money, 1e13)).toBe('err.tooLarge');
		expect(messageOf(money, '12')).toBe('err.number');
		expect(money.safeParse(Number.NaN).success).toBe(false);
	});
	it('rounds to cents', () => {
		expect(roundMoney(0.1 + 0.2)).toBe(0.3);
		expect(roundMoney(3 * 19.99)).toBe(59.97);
	});
});

describe('ratings, moments and ids', () => {
	it('takes whole ratings 1 to 5', () => {
		expect([1, 2, 3, 4, 5].every((n) => rating.safeParse(n).success)).toBe(true);
		expect(messageOf(rating, 0)).toBe('err.rating');
		expect(messageOf(rating, 6)).toBe('err.rating');
		expect(messageOf(rating, 4.5)).toBe('err.integer');
	});
	it('bounds moments to 2000–2100 in whole milliseconds', () => {
		expect(moment.safeParse(Date.UTC(2024, 0, 1)).success).toBe(true);
		expect(messageOf(moment, Date.UTC(1999, 11, 31))).toBe('err.momentRange');
		expect(messageOf(moment, MAX_MOMENT + 1)).toBe('err.momentRange');
		expect(messageOf(moment, 1.5e12 + 0.5)).toBe('err.integer');
	});
	it('takes UUIDs only', () => {
		expect(uuid.safeParse('0190c1d2-3e4f-7a5b-8c6d-7e8f9a0b1c2d').success).toBe(true);
		expect(messageOf(uuid, 'not-a-uuid')).toBe('err.uuid');
	});
});

describe('cleanInput', () => {
	it('trims strings and drops empty values, leaving other values alone', () => {
		expect(
			cleanInput({
				name: '  Li Lei ',
				company: '   ',
				notes: '',
				tags: [' a ', '', 'b'],
				n: 0,
				ok: false,
				gone: null
			})
		).toEqual({ name: 'Li Lei', tags: ['a', 'b'], n: 0, ok: false });
	});
	it('cleans nested objects', () => {
		expect(cleanInput({ address: { text: ' Road 1 ', lat: 31.2 } })).toEqual({
			address: { text: 'Road 1', lat: 31.2 }
		});
	});
});
