/** Resolved links of the customer pages (SvelteKit `resolve`, so a base path is honoured). */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export type ChildKind = 'orders' | 'services' | 'visits';

export const listPath = (): ResolvedPathname => resolve('/customers');
export const newCustomerPath = (): ResolvedPathname => resolve('/customers/new');

/** A customer's page, optionally opened at a tab (`?tab=orders`). */
export function customerPath(id: string, tab?: string): ResolvedPathname {
	return tab ? resolve(`/customers/[id]?tab=${tab}`, { id }) : resolve('/customers/[id]', { id });
}

export const editCustomerPath = (id: string): ResolvedPathname =>
	resolve('/customers/[id]/edit', { id });

/** A child record's form; `childId` 'new' creates one. */
export function childPath(id: string, kind: ChildKind, childId = 'new'): ResolvedPathname {
	return resolve('/customers/[id]/[kind]/[childId]', { id, kind, childId });
}

export const campaignPath = (id: string): ResolvedPathname => resolve('/campaigns/[id]', { id });
export const campaignsPath = (): ResolvedPathname => resolve('/campaigns');
