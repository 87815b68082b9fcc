/**
 * Who sees what (DESIGN.md "Scope"): a rep their own customers, a manager theirs and their
 * reps', an admin all; children follow their customer; campaigns are org-wide.
 */
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { PublicUser } from '../auth/user';
import type { CollectionName } from '#domain/collections';

/** A signed-in user's reach: `owners` lists whose customers they see (unless `all`). */
export interface Viewer {
	id: string;
	all: boolean;
	owners: Set<string>;
}

export async function loadViewer(db: Db, user: Pick<PublicUser, 'id' | 'role'>): Promise<Viewer> {
	if (user.role === 'admin') return { id: user.id, all: true, owners: new Set([user.id]) };
	if (user.role === 'rep') return { id: user.id, all: false, owners: new Set([user.id]) };
	const rows = await db
		.select({ id: users.id })
		.from(users)
		.where(or(eq(users.id, user.id), eq(users.managerId, user.id)));
	return { id: user.id, all: false, owners: new Set([user.id, ...rows.map((r) => r.id)]) };
}

/** Where a stored record sits, for scope: its owner (customers) or its customer's owner. */
export interface Placement {
	collection: CollectionName;
	ownerId: string | null;
	/** For children: the customer's owner, or `undefined` when the customer has not arrived. */
	customerOwner?: string | null;
	pushedBy: string;
}

export function canSee(v: Viewer, p: Placement): boolean {
	if (v.all || p.collection === 'campaigns') return true;
	if (p.collection === 'customers') return p.ownerId !== null && v.owners.has(p.ownerId);
	if (p.customerOwner === undefined) return p.pushedBy === v.id;
	return p.customerOwner !== null && v.owners.has(p.customerOwner);
}

/** Whether `ownerId` may be given to a customer by this viewer (admins: any existing user). */
export async function canAssign(db: Db, v: Viewer, ownerId: unknown): Promise<boolean> {
	if (typeof ownerId !== 'string') return false;
	if (!v.all) return v.owners.has(ownerId);
	const rows = await db.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).limit(1);
	return rows.length > 0;
}

/**
 * The SQL twin of `canSee` for `sync_records r` (applied before LIMIT in pulls). Children
 * use their copy of the customer's owner (`customer_owner_id`, null until the customer
 * arrives), so the filter needs no join and a pull can walk the feed index in order.
 */
export function visibleSql(v: Viewer, collection: CollectionName): SQL {
	if (v.all || collection === 'campaigns') return sql`true`;
	const owners = [...v.owners];
	if (collection === 'customers') return sql`r.owner_id in ${owners}`;
	return sql`(r.customer_owner_id in ${owners}
		or (r.customer_owner_id is null and r.pushed_by = ${v.id}))`;
}

/** The users who see an owner's customers: the owner, their manager, and every admin. */
export async function viewersOfOwner(db: Db, ownerId: string): Promise<Set<string>> {
	const rows = (await db.execute(sql`
		select id from users where role = 'admin' or id = ${ownerId}
		union select u.manager_id from users u join users m on m.id = u.manager_id
		where u.id = ${ownerId} and m.role = 'manager'`)) as unknown as { rows: { id: string }[] };
	return new Set(rows.rows.map((r) => r.id));
}
