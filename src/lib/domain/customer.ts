/** A customer: the centre of Fieldbook. Owned by one user (ownerId), who decides scope. */
import { z } from 'zod';
import { baseFields, calendarDate, email, phone, text, today, userId } from './common';
import { GENDERS, GRADES, SOURCES, STAGES } from './choices';

export { GENDERS, GRADES, SOURCES, STAGES };
export type { Grade, Source, Stage } from './choices';

const tag = z.string().trim().min(1, 'err.required').max(30, 'err.tooLong');

export const address = z.object({
	text: text(300),
	lat: z.number().min(-90).max(90).optional(),
	lng: z.number().min(-180).max(180).optional()
});

export const customerSchema = z.object({
	...baseFields,
	name: z.string('err.required').trim().min(1, 'err.required').max(100, 'err.tooLong'),
	gender: z.enum(GENDERS, 'err.choice').optional(),
	// "Not in the future" allows for time zones up to UTC+14, so a birthday typed as today
	// on a device east of the server never makes the server refuse the row.
	birthday: calendarDate
		.refine((d) => d <= today(new Date(Date.now() + 14 * 3_600_000)), 'err.futureDate')
		.optional(),
	phones: z.array(phone).max(10, 'err.tooMany').default([]),
	emails: z.array(email).max(10, 'err.tooMany').default([]),
	address: address.optional(),
	company: text(120).optional(),
	occupation: text(80).optional(),
	interests: z
		.preprocess(
			(v) =>
				Array.isArray(v) ? [...new Set(v.map((t) => (typeof t === 'string' ? t.trim() : t)))] : v,
			z.array(tag).max(30, 'err.tooMany')
		)
		.default([]),
	source: z.enum(SOURCES, 'err.choice').optional(),
	stage: z.enum(STAGES, 'err.choice').default('lead'),
	grade: z.enum(GRADES, 'err.choice').optional(),
	notes: text(5000).optional(),
	customFields: z.record(z.string().max(50), z.string().max(500)).default({}),
	createdAt: z.number().int().min(0).optional(),
	ownerId: userId
});

export type Customer = z.output<typeof customerSchema>;
export type CustomerInput = z.input<typeof customerSchema>;
