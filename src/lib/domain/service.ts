/** A service record: a consultation, after-sales case, complaint or repair. */
import { z } from 'zod';
import { baseFields, moment, rating, text, userId, uuid } from './common';
import { SERVICE_STATUSES, SERVICE_TYPES } from './choices';

export { SERVICE_STATUSES, SERVICE_TYPES };
export type { ServiceStatus, ServiceType } from './choices';

export const serviceFields = z.object({
	...baseFields,
	customerId: uuid,
	type: z.enum(SERVICE_TYPES, 'err.choice'),
	openedAt: moment,
	resolvedAt: moment.optional(),
	details: text(5000).optional(),
	staffId: userId.optional(),
	feedback: text(2000).optional(),
	satisfaction: rating.optional(),
	status: z.enum(SERVICE_STATUSES, 'err.choice').default('open')
});

export const serviceSchema = serviceFields.refine(
	(s) => s.resolvedAt === undefined || s.resolvedAt >= s.openedAt,
	{ message: 'err.resolvedBeforeOpened', path: ['resolvedAt'] }
);

export type Service = z.output<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;
