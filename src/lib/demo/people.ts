/** Demo customers: Chinese and English names, companies, mainland mobiles, addresses across provinces. */
import type { Customer } from '$lib/domain/customer';
import { GENDERS, GRADES, SOURCES, type Stage } from '$lib/domain/customer';
import type { Random } from './random';
import {
	BUSINESSES,
	ENGLISH_COMPANIES,
	ENGLISH_FIRST,
	ENGLISH_LAST,
	GIVEN_CHARS,
	NOTES,
	OCCUPATIONS,
	PLACES,
	STREETS,
	SURNAMES,
	TAGS,
	TRADE_NAMES
} from './vocabulary';

const DAY = 86_400_000;
const MOBILE_PREFIXES = [
	'130',
	'131',
	'135',
	'136',
	'137',
	'138',
	'139',
	'150',
	'151',
	'158',
	'166',
	'177',
	'186',
	'188',
	'199'
];

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

export function calendarDay(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function mobile(rng: Random): string {
	return '+86' + rng.pick(MOBILE_PREFIXES) + pad(rng.int(0, 99_999_999), 8);
}

function person(rng: Random): { name: string; handle: string; gender: (typeof GENDERS)[number] } {
	if (rng.chance(0.82)) {
		const [surname, sp] = rng.pick(SURNAMES);
		const given = Array.from({ length: rng.chance(0.7) ? 2 : 1 }, () => rng.pick(GIVEN_CHARS));
		return {
			name: surname + given.map(([c]) => c).join(''),
			handle: given.map(([, p]) => p).join('') + '.' + sp,
			gender: rng.weighted([
				['female', 48],
				['male', 48],
				['unknown', 4]
			] as const)
		};
	}
	const first = rng.pick(ENGLISH_FIRST);
	const last = rng.pick(ENGLISH_LAST);
	return {
		name: `${first} ${last}`,
		handle: `${first}.${last}`.toLowerCase(),
		gender: rng.weighted([
			['female', 45],
			['male', 45],
			['other', 3],
			['unknown', 7]
		] as const)
	};
}

function company(rng: Random): { name: string; domain: string } {
	if (rng.chance(0.85)) {
		const [trade, slug] = rng.pick(TRADE_NAMES);
		const place = rng.pick(PLACES);
		return {
			name: place.city.replace(/市$/, '') + trade + rng.pick(BUSINESSES),
			domain: `${slug}.example.cn`
		};
	}
	const name = rng.pick(ENGLISH_COMPANIES);
	return { name, domain: name.toLowerCase().replace(/[^a-z]+/g, '') + '.example.com' };
}

function address(rng: Random): NonNullable<Customer['address']> {
	const place = rng.pick(PLACES);
	const text = `${place.province === place.city ? '' : place.province}${place.city}${rng.pick(place.districts)}${rng.pick(STREETS)}${rng.int(1, 999)}号`;
	if (!rng.chance(0.7)) return { text };
	const jitter = () => Math.round((rng.next() - 0.5) * 0.2 * 1e5) / 1e5;
	return {
		text,
		lat: Math.round((place.lat + jitter()) * 1e5) / 1e5,
		lng: Math.round((place.lng + jitter()) * 1e5) / 1e5
	};
}

export interface CustomerContext {
	ownerIds: readonly string[];
	now: number;
	/** How far back customers were created (ms). */
	history: number;
}

/** One realistic customer, created some time in the past and edited since. */
export function demoCustomer(rng: Random, ctx: CustomerContext, index: number): Customer {
	const who = person(rng);
	const firm = rng.chance(0.75) ? company(rng) : undefined;
	const createdAt = ctx.now - Math.floor(rng.next() * ctx.history) - DAY;
	const updatedAt = Math.min(ctx.now, createdAt + Math.floor(rng.next() * (ctx.now - createdAt)));
	const stage = rng.weighted<Stage>([
		['lead', 30],
		['prospect', 25],
		['customer', 38],
		['inactive', 7]
	]);
	const emailDomain = firm?.domain ?? rng.pick(['mail.example.cn', 'example.com', 'example.org']);
	const customer: Customer = {
		id: rng.uuidV7(createdAt),
		updatedAt,
		_deleted: false,
		name: who.name,
		gender: who.gender,
		phones: rng.chance(0.95) ? [mobile(rng), ...(rng.chance(0.1) ? [mobile(rng)] : [])] : [],
		emails: rng.chance(0.6) ? [`${who.handle}${index % 100}@${emailDomain}`] : [],
		interests: rng.some(TAGS, rng.int(0, 3)),
		stage,
		customFields: rng.chance(0.2)
			? { wechat: `wx_${who.handle.replace(/\W/g, '')}${rng.int(10, 99)}` }
			: {},
		createdAt,
		ownerId: rng.pick(ctx.ownerIds)
	};
	if (rng.chance(0.6))
		customer.birthday = calendarDay(Date.UTC(rng.int(1955, 2004), rng.int(0, 11), rng.int(1, 28)));
	if (rng.chance(0.9)) customer.address = address(rng);
	if (firm) customer.company = firm.name;
	if (rng.chance(0.6)) customer.occupation = rng.pick(OCCUPATIONS);
	if (rng.chance(0.8)) customer.source = rng.pick(SOURCES);
	if (stage !== 'lead' && rng.chance(0.8)) customer.grade = rng.pick(GRADES);
	if (rng.chance(0.3)) customer.notes = rng.pick(NOTES);
	return customer;
}
