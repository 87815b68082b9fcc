/**
 * The six synced collections by name, and the indexes the pages query by: no zod here, so
 * the first page (database, queries, sync status) can name collections without loading
 * the record schemas. `collections.ts` re-exports all of this beside the schemas.
 */
import type { Customer } from './customer';
import type { Order } from './order';
import type { Service } from './service';
import type { Visit } from './visit';
import type { Campaign, Participation } from './campaign';

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

export interface RecordTypes {
	customers: Customer;
	orders: Order;
	services: Service;
	visits: Visit;
	campaigns: Campaign;
	participations: Participation;
}
export type AnyRecord = RecordTypes[CollectionName];

/**
 * Indexes the pages query by (RxDB); every indexed field is required in its schema.
 * The customers' `[ownerId, updatedAt]` stays declared because every device's stored schema
 * hash includes it, but IndexedDB does not keep it (nothing reads it; db/dexie-stores.ts).
 */
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
