/** A visit to a customer: planned, checked in (with position), checked out, followed up. */
import { z } from 'zod';
import { baseFields, moment, text, uuid } from './common';

export const checkIn = z.object({
	at: moment,
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracy: z.number().min(0).max(100_000)
});
export type CheckIn = z.output<typeof checkIn>;

export const visitFields = z.object({
	...baseFields,
	customerId: uuid,
	plannedAt: moment.optional(),
	checkIn: checkIn.optional(),
	checkOut: moment.optional(),
	notes: text(5000).optional(),
	outcome: text(500).optional(),
	nextFollowUpAt: moment.optional()
});

export const visitSchema = visitFields
	.refine(
		(v) => v.checkOut === undefined || (v.checkIn !== undefined && v.checkOut >= v.checkIn.at),
		{
			message: 'err.checkOutBeforeCheckIn',
			path: ['checkOut']
		}
	)
	.refine((v) => v.plannedAt !== undefined || v.checkIn !== undefined, {
		message: 'err.visitNeedsTime',
		path: ['plannedAt']
	});

export type Visit = z.output<typeof visitSchema>;
export type VisitInput = z.input<typeof visitSchema>;
