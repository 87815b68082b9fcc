/**
 * The campaign form: what its inputs hold (text, `YYYY-MM-DD` dates) and how that maps to
 * a campaign record (moments: the start day's first and the end day's last millisecond,
 * local time) and back.
 */
import { isCalendarDate, type Campaign, type CampaignType } from '$lib/domain';
import type { FieldErrors } from '$lib/db/records';

export interface CampaignForm {
	name: string;
	type: CampaignType;
	starts: string;
	ends: string;
	budget: string;
}

function localDay(date: string, endOfDay: boolean): number | undefined {
	if (!isCalendarDate(date)) return undefined;
	const [y, m, d] = date.split('-').map(Number);
	return endOfDay ? new Date(y, m - 1, d + 1).getTime() - 1 : new Date(y, m - 1, d).getTime();
}

function dateOf(t: number): string {
	const d = new Date(t);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** An empty form: starting today, ending in 30 days. */
export function emptyCampaignForm(now = Date.now()): CampaignForm {
	return {
		name: '',
		type: 'discount',
		starts: dateOf(now),
		ends: dateOf(now + 30 * 86_400_000),
		budget: ''
	};
}

export function campaignToForm(c: Campaign): CampaignForm {
	return {
		name: c.name,
		type: c.type,
		starts: dateOf(c.startsAt),
		ends: dateOf(c.endsAt),
		budget: c.budget === undefined ? '' : String(c.budget)
	};
}

/** The record fields a form gives; the domain schema validates them. */
export function campaignInput(form: CampaignForm): Record<string, unknown> {
	const budget = form.budget.trim().replace(/,/g, '');
	return {
		name: form.name,
		type: form.type,
		startsAt: localDay(form.starts, false),
		endsAt: localDay(form.ends, true),
		budget: budget === '' ? undefined : Number(budget)
	};
}

/** Field errors worded for the form: a missing or unreadable date asks for a date. */
export function formErrors(form: CampaignForm, errors: FieldErrors): FieldErrors {
	const out = { ...errors };
	if (out.startsAt && !isCalendarDate(form.starts))
		out.startsAt = form.starts ? 'err.date' : 'err.required';
	if (out.endsAt && !isCalendarDate(form.ends))
		out.endsAt = form.ends ? 'err.date' : 'err.required';
	return out;
}
