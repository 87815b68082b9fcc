/** Small record builders for report tests: only the fields a test cares about, typed. */
import type { Campaign, Customer, Order, Participation, Service, Visit } from '../domain';
import { emptyDataset, type Dataset } from './dataset';

/** A local-time moment: `at('2024-03-10T12:00')` (no zone, so tests pass in any TZ). */
export function at(local: string): number {
	return new Date(local).getTime();
}

export function customer(id: string, fields: Partial<Customer> = {}): Customer {
	return {
		id,
		updatedAt: 0,
		_deleted: false,
		name: `Customer ${id}`,
		phones: [],
		emails: [],
		interests: [],
		stage: 'lead',
		customFields: {},
		createdAt: at('2024-01-01T09:00'),
		ownerId: 'rep1',
		...fields
	};
}

/** An order of one line per `[product, quantity, unitPrice]`; amount is their total. */
export function order(
	id: string,
	customerId: string,
	date: string,
	items: [string, number, number][] = [['widget', 1, 100]],
	fields: Partial<Order> = {}
): Order {
	const lines = items.map(([product, quantity, unitPrice]) => ({ product, quantity, unitPrice }));
	const amount = Math.round(lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) * 100) / 100;
	return {
		id,
		updatedAt: 0,
		_deleted: false,
		orderNo: id,
		customerId,
		date,
		items: lines,
		amount,
		status: 'paid',
		...fields
	};
}

/** A one-line order of `amount` (product `p`). */
export function sale(
	id: string,
	customerId: string,
	date: string,
	amount: number,
	status: Order['status'] = 'paid'
): Order {
	return order(id, customerId, date, [['p', 1, amount]], { status });
}

export function service(id: string, customerId: string, fields: Partial<Service> = {}): Service {
	return {
		id,
		updatedAt: 0,
		_deleted: false,
		customerId,
		type: 'consultation',
		openedAt: at('2024-03-01T09:00'),
		status: 'open',
		...fields
	};
}

export function visit(id: string, customerId: string, fields: Partial<Visit> = {}): Visit {
	return { id, updatedAt: 0, _deleted: false, customerId, ...fields };
}

/** A check-in at a local moment, at a fixed place. */
export function checkIn(local: string): Visit['checkIn'] {
	return { at: at(local), lat: 22.5, lng: 114, accuracy: 10 };
}

export function campaign(id: string, fields: Partial<Campaign> = {}): Campaign {
	return {
		id,
		updatedAt: 0,
		_deleted: false,
		name: `Campaign ${id}`,
		type: 'discount',
		startsAt: at('2024-03-01T00:00'),
		endsAt: at('2024-03-31T23:59'),
		...fields
	};
}

export function participation(
	id: string,
	campaignId: string,
	customerId: string,
	status: Participation['status'],
	fields: Partial<Participation> = {}
): Participation {
	return {
		id,
		updatedAt: 0,
		_deleted: false,
		campaignId,
		customerId,
		status,
		at: at('2024-03-02T10:00'),
		...fields
	};
}

export function dataset(records: Partial<Dataset>): Dataset {
	return { ...emptyDataset(), ...records };
}

/**
 * The same records as new objects in new arrays: a snapshot nothing computed for `data` can
 * recognise (no cache keyed by an array, nor a diff by record identity, can hit).
 */
export function cloneDataset(data: Dataset): Dataset {
	const copy = <T extends object>(xs: readonly T[]): T[] => xs.map((x) => ({ ...x }));
	return {
		customers: copy(data.customers),
		orders: copy(data.orders),
		services: copy(data.services),
		visits: copy(data.visits),
		campaigns: copy(data.campaigns),
		participations: copy(data.participations)
	};
}
