/** Bench support: writes many valid records straight into the server's feed (no HTTP). */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../server/db/client';
import { syncRecords, users } from '../server/db/schema';

export async function addUser(
	db: Db,
	role: 'admin' | 'manager' | 'rep',
	managerId: string | null = null
) {
	const id = randomUUID();
	await db.insert(users).values({
		id,
		username: `${role}-${id.slice(0, 8)}`,
		displayName: role,
		role,
		managerId,
		passwordHash: 'x'
	});
	return id;
}

/** Inserts `customers` customers owned by `ownerId`, each with `childrenEach` orders/visits/services. */
export async function seedCustomers(
	db: Db,
	ownerId: string,
	customers: number,
	childrenEach: number
): Promise<void> {
	const now = Date.now();
	let rows: (typeof syncRecords.$inferInsert)[] = [];
	const flush = async () => {
		if (rows.length) await db.insert(syncRecords).values(rows);
		rows = [];
	};
	const add = (collection: string, data: Record<string, unknown>, customerId: string | null) => {
		rows.push({
			collection,
			id: data.id as string,
			data,
			ownerId: collection === 'customers' ? ownerId : null,
			customerId,
			customerOwnerId: customerId ? ownerId : null,
			pushedBy: ownerId,
			deleted: false,
			updatedAt: now,
			seq: sql`nextval('sync_seq')` as unknown as number
		});
	};
	for (let i = 0; i < customers; i++) {
		const id = randomUUID();
		add(
			'customers',
			{
				id,
				updatedAt: now,
				_deleted: false,
				name: `Customer ${i}`,
				ownerId,
				phones: ['+8613800138000'],
				emails: [],
				interests: ['tea'],
				stage: 'customer',
				customFields: {},
				company: 'Acme',
				notes: 'A realistic note of moderate length about this customer.'
			},
			null
		);
		for (let k = 0; k < childrenEach; k++) {
			const cid = randomUUID();
			if (k % 3 === 0)
				add(
					'orders',
					{
						id: cid,
						updatedAt: now,
						_deleted: false,
						orderNo: `O-${i}-${k}`,
						customerId: id,
						date: '2024-03-01',
						items: [{ product: 'Tea', quantity: 2, unitPrice: 19.5 }],
						amount: 39,
						status: 'paid'
					},
					id
				);
			else if (k % 3 === 1)
				add(
					'visits',
					{
						id: cid,
						updatedAt: now,
						_deleted: false,
						customerId: id,
						plannedAt: now,
						notes: 'Visit notes'
					},
					id
				);
			else
				add(
					'services',
					{
						id: cid,
						updatedAt: now,
						_deleted: false,
						customerId: id,
						type: 'consultation',
						openedAt: now,
						status: 'open'
					},
					id
				);
		}
		if (rows.length >= 1000) await flush();
	}
	await flush();
}
