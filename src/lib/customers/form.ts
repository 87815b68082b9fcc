/**
 * The customer form's draft (strings, as inputs hold them) and its conversion to and from
 * a record. Validation stays with the domain schema (through $lib/db/records).
 */
import type { Customer, Grade, Source, Stage } from '$lib/domain/customer';
import { formatPhone } from './contact';

export interface CustomerDraft {
	name: string;
	gender: string;
	birthday: string;
	phones: string[];
	emails: string[];
	addressText: string;
	lat: string;
	lng: string;
	company: string;
	occupation: string;
	interests: string[];
	source: '' | Source;
	stage: Stage;
	grade: '' | Grade;
	notes: string;
	custom: { key: string; value: string }[];
}

export function emptyCustomerDraft(): CustomerDraft {
	return {
		name: '',
		gender: '',
		birthday: '',
		phones: [''],
		emails: [''],
		addressText: '',
		lat: '',
		lng: '',
		company: '',
		occupation: '',
		interests: [],
		source: '',
		stage: 'lead',
		grade: '',
		notes: '',
		custom: []
	};
}

/** A draft holding a stored customer's values, phones as people read them (one empty phone/email input when none). */
export function customerToDraft(c: Customer): CustomerDraft {
	return {
		name: c.name,
		gender: c.gender ?? '',
		birthday: c.birthday ?? '',
		phones: c.phones.length ? c.phones.map(formatPhone) : [''],
		emails: c.emails.length ? [...c.emails] : [''],
		addressText: c.address?.text ?? '',
		lat: c.address?.lat?.toString() ?? '',
		lng: c.address?.lng?.toString() ?? '',
		company: c.company ?? '',
		occupation: c.occupation ?? '',
		interests: [...c.interests],
		source: c.source ?? '',
		stage: c.stage,
		grade: c.grade ?? '',
		notes: c.notes ?? '',
		custom: Object.entries(c.customFields).map(([key, value]) => ({ key, value }))
	};
}

function coordinate(s: string): number | string | undefined {
	const t = s.trim();
	if (!t) return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : t;
}

/**
 * Input for createRecord/updateRecord. Empty strings are left for `cleanInput` to drop;
 * an address with only a position gets the position as its text.
 */
export function draftToInput(d: CustomerDraft, ownerId: string): Record<string, unknown> {
	const lat = coordinate(d.lat);
	const lng = coordinate(d.lng);
	const text = d.addressText.trim();
	const hasPosition = lat !== undefined && lng !== undefined;
	const address =
		text || hasPosition
			? { text: text || `${lat}, ${lng}`, ...(hasPosition ? { lat, lng } : {}) }
			: undefined;
	const customFields: Record<string, string> = {};
	for (const { key, value } of d.custom) if (key.trim()) customFields[key.trim()] = value;
	return {
		name: d.name,
		gender: d.gender,
		birthday: d.birthday,
		phones: d.phones,
		emails: d.emails,
		address,
		company: d.company,
		occupation: d.occupation,
		interests: d.interests,
		source: d.source,
		stage: d.stage,
		grade: d.grade,
		notes: d.notes,
		customFields,
		ownerId
	};
}

/** The position among all of `values` of the `n`th non-blank one (blank inputs are dropped before validation). */
function inputIndex(values: readonly string[], n: number): number {
	let seen = -1;
	for (let i = 0; i < values.length; i++) if (values[i].trim() && ++seen === n) return i;
	return n;
}

/**
 * Maps a schema error path to the draft's input: `address.text` → `addressText`,
 * `address.lat` → `lat`, `phones.0` → the input holding the first non-blank phone.
 */
export function draftPath(path: string, d: CustomerDraft): string {
	if (path.startsWith('address.')) return path === 'address.text' ? 'addressText' : path.slice(8);
	const list = /^(phones|emails)\.(\d+)$/.exec(path);
	if (list) {
		const key = list[1] as 'phones' | 'emails';
		return `${key}.${inputIndex(d[key], Number(list[2]))}`;
	}
	return path;
}
