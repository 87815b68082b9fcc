/** Demo child records of customers: orders with items, services, visits, campaigns and participations. */
import type { Customer } from '$lib/domain/customer';
import { itemsTotal, type Order, type OrderStatus } from '$lib/domain/order';
import type { Service, ServiceStatus } from '$lib/domain/service';
import { SERVICE_TYPES } from '$lib/domain/service';
import type { Visit } from '$lib/domain/visit';
import type { Campaign, Participation, ParticipationStatus } from '$lib/domain/campaign';
import type { Random } from './random';
import { calendarDay } from './people';
import { CAMPAIGNS, PRODUCTS, SERVICE_DETAILS, VISIT_OUTCOMES } from './vocabulary';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A moment between `from` and `to`. */
function between(rng: Random, from: number, to: number): number {
	return from + Math.floor(rng.next() * Math.max(0, to - from));
}

function edited(rng: Random, at: number, now: number): number {
	return Math.min(now, at + Math.floor(rng.next() * 3 * DAY));
}

export function demoOrder(rng: Random, customer: Customer, now: number, seq: number): Order {
	const at = between(rng, customer.createdAt ?? customer.updatedAt, now);
	const items = rng.some(PRODUCTS, rng.int(1, 4)).map(([product, price]) => ({
		product,
		quantity: rng.weighted([
			[1, 60],
			[2, 25],
			[5, 10],
			[10, 5]
		] as const),
		unitPrice: rng.chance(0.2) ? Math.round(price * 90) / 100 : price
	}));
	const status = rng.weighted<OrderStatus>([
		['pending', 8],
		['paid', 15],
		['shipped', 12],
		['completed', 58],
		['cancelled', 7]
	]);
	const order: Order = {
		id: rng.uuidV7(at),
		updatedAt: edited(rng, at, now),
		_deleted: false,
		orderNo: `SO${calendarDay(at).replace(/-/g, '')}-${String(seq).padStart(6, '0')}`,
		customerId: customer.id,
		date: calendarDay(at),
		items,
		amount: itemsTotal(items),
		status
	};
	if (status === 'completed' && rng.chance(0.5)) {
		order.rating = rng.weighted([
			[5, 50],
			[4, 30],
			[3, 12],
			[2, 5],
			[1, 3]
		] as const);
		if (rng.chance(0.4))
			order.review = order.rating >= 4 ? '质量很好，服务周到。' : 'Delivery was slow.';
	}
	return order;
}

export function demoService(rng: Random, customer: Customer, now: number): Service {
	const openedAt = between(rng, customer.createdAt ?? customer.updatedAt, now);
	const status = rng.weighted<ServiceStatus>([
		['open', 12],
		['in_progress', 10],
		['resolved', 30],
		['closed', 48]
	]);
	const service: Service = {
		id: rng.uuidV7(openedAt),
		updatedAt: edited(rng, openedAt, now),
		_deleted: false,
		customerId: customer.id,
		type: rng.pick(SERVICE_TYPES),
		openedAt,
		details: rng.pick(SERVICE_DETAILS),
		staffId: customer.ownerId,
		status
	};
	if (status === 'resolved' || status === 'closed') {
		service.resolvedAt = Math.min(now, openedAt + rng.int(1, 120) * HOUR);
		service.updatedAt = Math.max(service.updatedAt, service.resolvedAt);
		if (rng.chance(0.6))
			service.satisfaction = rng.weighted([
				[5, 45],
				[4, 30],
				[3, 15],
				[2, 6],
				[1, 4]
			] as const);
		if (rng.chance(0.3)) service.feedback = rng.pick(['处理及时', '希望更快上门', 'Very helpful']);
	}
	return service;
}

export function demoVisit(rng: Random, customer: Customer, now: number): Visit {
	const past = rng.chance(0.75);
	const base = past
		? between(rng, customer.createdAt ?? customer.updatedAt, now)
		: now + rng.int(1, 14 * 24) * HOUR;
	const visit: Visit = {
		id: rng.uuidV7(Math.min(base, now)),
		updatedAt: Math.min(now, edited(rng, Math.min(base, now), now)),
		_deleted: false,
		customerId: customer.id,
		plannedAt: base
	};
	if (past && rng.chance(0.8)) {
		const lat = customer.address?.lat ?? 31.23;
		const lng = customer.address?.lng ?? 121.47;
		const at = base - rng.int(0, 30) * 60_000;
		visit.checkIn = { at, lat, lng, accuracy: rng.int(5, 80) };
		visit.checkOut = Math.min(now, at + rng.int(15, 120) * 60_000);
		visit.outcome = rng.pick(VISIT_OUTCOMES);
		if (rng.chance(0.5)) visit.nextFollowUpAt = now + rng.int(-3, 21) * DAY;
		visit.updatedAt = Math.min(now, Math.max(visit.updatedAt, visit.checkOut));
	}
	if (rng.chance(0.2)) visit.notes = '带样品和报价单。';
	return visit;
}

export function demoCampaign(rng: Random, now: number, index: number): Campaign {
	const [name, type] = CAMPAIGNS[index % CAMPAIGNS.length];
	const startsAt = now - rng.int(-20, 300) * DAY;
	const campaign: Campaign = {
		id: rng.uuidV7(Math.min(now, startsAt)),
		updatedAt: now - rng.int(0, 20) * DAY,
		_deleted: false,
		name: index < CAMPAIGNS.length ? name : `${name} ${Math.floor(index / CAMPAIGNS.length) + 1}`,
		type,
		startsAt,
		endsAt: startsAt + rng.int(3, 30) * DAY
	};
	if (rng.chance(0.8)) campaign.budget = rng.int(20, 500) * 100;
	return campaign;
}

export function demoParticipation(
	rng: Random,
	campaign: Campaign,
	customer: Customer,
	now: number
): Participation {
	const at = Math.min(now, campaign.startsAt + rng.int(0, 5) * DAY);
	const status = rng.weighted<ParticipationStatus>([
		['invited', 55],
		['joined', 30],
		['converted', 15]
	]);
	return {
		id: rng.uuidV7(at),
		updatedAt: Math.max(at, Math.min(now, at + rng.int(0, 10) * DAY)),
		_deleted: false,
		campaignId: campaign.id,
		customerId: customer.id,
		status,
		at
	};
}
