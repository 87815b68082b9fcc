/**
 * The six synced collections: one table of name → zod schema, so the app (RxDB schemas,
 * forms) and the server (validation, storage) read the same list. The names, indexes and
 * record types without zod are in `collection-names.ts` (for the first page).
 */
import type { z } from 'zod';
import { customerSchema } from './customer';
import { orderSchema } from './order';
import { serviceSchema } from './service';
import { visitSchema } from './visit';
import { campaignSchema, participationSchema } from './campaign';
import type { CollectionName } from './collection-names';

export {
	CHILD_COLLECTIONS,
	COLLECTIONS,
	collectionIndexes,
	isCollectionName,
	type AnyRecord,
	type ChildCollectionName,
	type CollectionName,
	type RecordTypes
} from './collection-names';

export const recordSchemas = {
	customers: customerSchema,
	orders: orderSchema,
	services: serviceSchema,
	visits: visitSchema,
	campaigns: campaignSchema,
	participations: participationSchema
} satisfies Record<CollectionName, z.ZodType>;
