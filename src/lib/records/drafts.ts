/**
 * Drafts of child records as their forms hold them (strings from inputs) and their
 * conversion to record input for createRecord/updateRecord. Unreadable numbers are passed
 * through as text so the domain schema reports them at the field.
 */
import { today } from '$lib/domain/common';
import { itemsTotal, type Order, type OrderStatus } from '$lib/domain/order';
import type { Service, ServiceStatus, ServiceType } from '$lib/domain/service';
import type { CheckIn, Visit } from '$lib/domain/visit';
import { fromLocalInput, toLocalInput } from './datetime';

/** A number from an input: undefined when blank, the text itself when unreadable. */
export function numberFrom(s: string): number | string | undefined {
	const t = s.trim().replace(/,/g, '');
	if (!t) return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : t;
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Choices for a 1–5 rating select (order rating, service satisfaction). */
export const RATING_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({
	value: String(n),
	label: `${'★'.repeat(n)} ${n}`
}));

export interface ItemDraft {
	product: string;
	quantity: string;
	unitPrice: string;
}

export interface OrderDraft {
	orderNo: string;
	date: string;
	items: ItemDraft[];
	status: OrderStatus;
	rating: string;
	review: string;
}

/** A readable order number: date plus four characters (e.g. `20261122-7F3A`). */
export function newOrderNo(now = new Date(), random = Math.random): string {
	const code = Math.floor(random() * 0xffff)
		.toString(16)
		.toUpperCase()
		.padStart(4, '0');
	return `${today(now).replace(/-/g, '')}-${code}`;
}

export function orderDraft(o?: Order): OrderDraft {
	return {
		orderNo: o?.orderNo ?? newOrderNo(),
		date: o?.date ?? today(),
		items: o?.items.map((i) => ({
			product: i.product,
			quantity: str(i.quantity),
			unitPrice: str(i.unitPrice)
		})) ?? [{ product: '', quantity: '1', unitPrice: '' }],
		status: o?.status ?? 'pending',
		rating: str(o?.rating),
		review: o?.review ?? ''
	};
}

/** The total of the items whose quantity and price can be read (what the form shows). */
export function draftTotal(items: readonly ItemDraft[]): number {
	const readable = items
		.map((i) => ({ quantity: numberFrom(i.quantity), unitPrice: numberFrom(i.unitPrice) }))
		.filter(
			(i): i is { quantity: number; unitPrice: number } =>
				typeof i.quantity === 'number' && typeof i.unitPrice === 'number'
		);
	return itemsTotal(readable);
}

export function orderInput(d: OrderDraft, customerId: string): Record<string, unknown> {
	return {
		orderNo: d.orderNo,
		customerId,
		date: d.date,
		items: d.items.map((i) => ({
			product: i.product,
			quantity: numberFrom(i.quantity),
			unitPrice: numberFrom(i.unitPrice)
		})),
		amount: draftTotal(d.items),
		status: d.status,
		rating: numberFrom(d.rating),
		review: d.review
	};
}

export interface ServiceDraft {
	type: ServiceType;
	status: ServiceStatus;
	openedAt: string;
	resolvedAt: string;
	details: string;
	feedback: string;
	satisfaction: string;
	staffId?: string;
}

export function serviceDraft(s?: Service, now = Date.now()): ServiceDraft {
	return {
		type: s?.type ?? 'consultation',
		status: s?.status ?? 'open',
		openedAt: toLocalInput(s?.openedAt ?? now),
		resolvedAt: toLocalInput(s?.resolvedAt),
		details: s?.details ?? '',
		feedback: s?.feedback ?? '',
		satisfaction: str(s?.satisfaction),
		staffId: s?.staffId
	};
}

export function serviceInput(d: ServiceDraft, customerId: string): Record<string, unknown> {
	return {
		customerId,
		type: d.type,
		status: d.status,
		openedAt: fromLocalInput(d.openedAt),
		resolvedAt: fromLocalInput(d.resolvedAt),
		details: d.details,
		feedback: d.feedback,
		satisfaction: numberFrom(d.satisfaction),
		staffId: d.staffId
	};
}

export interface VisitDraft {
	plannedAt: string;
	checkIn?: CheckIn;
	checkOut?: number;
	notes: string;
	outcome: string;
	nextFollowUpAt: string;
}

export function visitDraft(v?: Visit): VisitDraft {
	return {
		plannedAt: toLocalInput(v?.plannedAt),
		checkIn: v?.checkIn,
		checkOut: v?.checkOut,
		notes: v?.notes ?? '',
		outcome: v?.outcome ?? '',
		nextFollowUpAt: toLocalInput(v?.nextFollowUpAt)
	};
}

export function visitInput(d: VisitDraft, customerId: string): Record<string, unknown> {
	return {
		customerId,
		plannedAt: fromLocalInput(d.plannedAt),
		checkIn: d.checkIn,
		checkOut: d.checkOut,
		notes: d.notes,
		outcome: d.outcome,
		nextFollowUpAt: fromLocalInput(d.nextFollowUpAt)
	};
}
