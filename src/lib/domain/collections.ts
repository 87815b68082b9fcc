/**
 * The six synced collections: one table of name → zod schema, so the app (RxDB schemas,
 * forms) and the server (validation, storage) read the same list.
 */
import type { z } from 'zod';
import { customerSchema, type Customer } from './customer';
import { orderSchema, type Order } from './order';
import { serviceSchema, type Service } from './service';
import { visitSchema, type Visit } from './visit';
import { campaignSchema, participationSchema, type Campaign, type Participation } from './campaign';

export const COLLECTIONS = [
	'customers',
	'orders',
	'services',
	'visits',
	'campaigns',
	'participations'
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** Collections whose records belong to a customer (and take its scope). */
export const CHILD_COLLECTIONS = ['orders', 'services', 'visits', 'participations'] as const;
export type ChildCollectionName = (typeof CHILD_COLLECTIONS)[number];

export const recordSchemas = {
	customers: customerSchema,
	orders: orderSchema,
	services: serviceSchema,
	visits: visitSchema,
	campaigns: campaignSchema,
	participations: participationSchema
} satisfies Record<CollectionName, z.ZodType>;

export interface RecordTypes {
	customers: Customer;
	orders: Order;
	services: Service;
	visits: Visit;
	campaigns: Campaign;
	participations: Participation;
}
export type AnyRecord = RecordTypes[CollectionName];

/** Indexes the pages query by (RxDB); every indexed field is required in its schema. */
export const collectionIndexes: Record<CollectionName, string[][]> = {
	customers: [['updatedAt'], ['ownerId', 'updatedAt']],
	orders: [['customerId', 'updatedAt'], ['updatedAt']],
	services: [['customerId', 'updatedAt'], ['updatedAt']],
	visits: [['customerId', 'updatedAt'], ['updatedAt']],
	campaigns: [['startsAt'], ['updatedAt']],
	participations: [
		['campaignId', 'updatedAt'],
		['customerId', 'updatedAt']
	]
};

export function isCollectionName(name: string): name is CollectionName {
	return (COLLECTIONS as readonly string[]).includes(name);
}
