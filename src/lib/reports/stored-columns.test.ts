import { describe, expect, it } from 'vitest';
import type { Customer, Order, Participation, Service, Visit } from '../domain';
import { customer, order, participation, service, visit } from './fixtures';
import {
	customerColumns,
	customerIndex,
	customerLinks,
	orderColumns,
	participationColumns,
	serviceColumns,
	visitColumns
} from './indexes';
import { Codes, customerCodeTables, customerCodes, regionOf } from './filters';
import { rememberStoredColumns, storedFields } from './stored-columns';
import { storedCustomerCodes } from './stored-customer-codes';
import { decodeRecords, RecordsEncoder } from './worker/snapshot-codec';

/** Records as the worker holds them after decoding its snapshot (their columns remembered). */
function decoded<T extends object>(collection: string, records: readonly T[]): T[] {
	const enc = new RecordsEncoder();
	enc.add(records);
	const col = enc.finish();
	const out = decodeRecords<T>(col);
	rememberStoredColumns(collection, out, col);
	return out;
}

/** A seeded generator (mulberry32), so every run checks the same records. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const customers = [customer('c1'), customer('c2'), customer('gone', { _deleted: true })];

/**
 * Orders with every shape the stored reader must read as the record reader does: dates
 * (or not-a-date text), statuses, ratings absent, 1–5 or other numbers, no lines or
 * several, fractional quantities, tombstones and customers absent or deleted.
 */
function orders(n: number, rand: () => number, distinctDates: boolean): Order[] {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
	return Array.from({ length: n }, (_, i) => {
		const date = distinctDates
			? `20${10 + (i % 80)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
			: pick(['2024-01-05', '2024-02-29', '2023-12-31', 'someday', '2024-13-01']);
		const lines = Array.from({ length: Math.floor(rand() * 4) }, () => [
			pick(['tea', 'cups', '茶叶']),
			pick([1, 2, 0.5, 0.1, 3]),
			pick([10, 99.9, 0.01])
		]) as [string, number, number][];
		const rating = pick([undefined, 1, 3, 5, 4.5, 0]);
		return order(`o${i}`, pick(['c1', 'c2', 'gone', 'nobody']), date, lines, {
			status: pick(['paid', 'pending', 'shipped', 'cancelled', 'completed']),
			...(rating === undefined ? {} : { rating }),
			_deleted: rand() < 0.1
		});
	}).map((o) => (o.rating === undefined ? (({ rating: _, ...rest }) => rest)(o) : o) as Order);
}

/**
 * Copies of the records, with no stored columns, so they are read one by one (copies, not
 * the same objects: an array of the same objects would share the values made for the first).
 */
const asRecords = <T>(xs: readonly T[]): T[] => structuredClone(xs) as T[];

describe('reports read a snapshot’s stored columns as they read its records', () => {
	it('orders: columns and links, with dictionaries and without', () => {
		for (const [seed, distinct] of [
			[1, false],
			[2, true],
			[3, false]
		] as const) {
			const stored = decoded('orders', orders(300, random(seed), distinct));
			expect(storedFields(stored)).toBeDefined();
			const plain = asRecords(stored);
			expect(orderColumns(stored)).toEqual(orderColumns(plain));
			expect(customerLinks('orders', stored, customers)).toEqual(
				customerLinks('orders', plain, customers)
			);
		}
	});

	it.each([
		['kept whole (most differ), read from the records', 400, false],
		['in a dictionary', 20, true]
	])(
		'services, visits and participations: columns and links, customer ids %s',
		(_, pool, dictionary) => {
			const rand = random(7);
			const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
			const many = Array.from({ length: pool }, (_, i) => customer(`k${i}`));
			const everyone = [...customers, ...many];
			const someone = () =>
				rand() < 0.9 ? `k${Math.floor(rand() * pool)}` : pick(['c1', 'nobody']);
			const services: Service[] = Array.from({ length: 120 }, (_, i) =>
				service(`s${i}`, someone(), {
					status: pick(['open', 'in_progress', 'resolved', 'closed'] as const),
					...(rand() < 0.5 ? { resolvedAt: 1_700_000_000_000 + i } : {}),
					...(rand() < 0.5 ? { satisfaction: pick([1, 2, 5, 3.5]) } : {}),
					_deleted: rand() < 0.1
				})
			);
			const visits: Visit[] = Array.from({ length: 120 }, (_, i) =>
				visit(`v${i}`, someone(), {
					...(rand() < 0.7 ? { plannedAt: 1_700_000_000_000 + i * 1000 } : {}),
					...(rand() < 0.5 ? { checkIn: { at: 1_700_000_500_000 + i } } : {}),
					...(rand() < 0.4 ? { nextFollowUpAt: 1_700_100_000_000 + i } : {}),
					_deleted: rand() < 0.1
				} as Partial<Visit>)
			);
			const participations: Participation[] = Array.from({ length: 120 }, (_, i) =>
				participation(
					`p${i}`,
					pick(['camp-a', 'camp-b']),
					someone(),
					pick(['invited', 'joined', 'converted', 'declined'] as never)
				)
			);
			const s = decoded('services', services);
			const v = decoded('visits', visits);
			const p = decoded('participations', participations);
			for (const records of [s, v, p]) {
				const column = storedFields(records)?.get('customerId');
				expect(Boolean(column && 'i' in column && column.i)).toBe(dictionary);
			}
			expect(serviceColumns(s)).toEqual(serviceColumns(asRecords(s)));
			expect(visitColumns(v)).toEqual(visitColumns(asRecords(v)));
			expect(participationColumns(p)).toEqual(participationColumns(asRecords(p)));
			const roles: ['services' | 'visits' | 'participations', readonly { customerId: string }[]][] =
				[
					['services', s],
					['visits', v],
					['participations', p]
				];
			for (const [role, records] of roles) {
				expect(customerLinks(role, records, everyone)).toEqual(
					customerLinks(role, asRecords(records), everyone)
				);
			}
		}
	);

	it('customers: the index by id and when each was made', () => {
		const without = (c: Customer): Customer => {
			const { createdAt: _, ...rest } = c;
			return rest;
		};
		const list = [
			customer('c1', { createdAt: 1_700_000_000_000 }),
			customer('c2', { _deleted: true, createdAt: 1_700_000_100_000 }),
			// No createdAt: the time in a UUID v7 id, else updatedAt.
			without(customer('0190a5c8-3b2e-7cc1-8000-000000000001')),
			without(customer('plain', { updatedAt: 1_600_000_000_000 }))
		];
		const stored = decoded('customers', list);
		const plain = asRecords(stored);
		expect(customerColumns(stored)).toEqual(customerColumns(plain));
		expect([...customerColumns(stored).createdAt]).toEqual([
			1_700_000_000_000, 1_700_000_100_000, 0x0190a5c83b2e, 1_600_000_000_000
		]);
		const index = customerIndex(stored).byId;
		expect(
			['c1', 'c2', '0190a5c8-3b2e-7cc1-8000-000000000001', 'plain', 'nobody'].map((id) =>
				index.get(id)
			)
		).toEqual([0, -1, 2, 3, -1]);
	});

	it('a shape the stored reader does not take (a null rating) is read from the records', () => {
		const list = [
			order('o1', 'c1', '2024-01-05', [['tea', 1, 10]], { rating: null as never }),
			order('o2', 'c2', '2024-01-06', [['tea', 2, 10]], { rating: 4 })
		];
		const stored = decoded('orders', list);
		// ratingCode(null) is "another value" (6), not "no rating" (0), as on the record.
		expect([...orderColumns(stored).rating]).toEqual([6, 4]);
	});
});

describe('customer codes from stored columns', () => {
	const fresh = () => ({
		stage: new Codes(),
		grade: new Codes(),
		source: new Codes(),
		region: new Codes(),
		owner: new Codes()
	});
	const list = (): Customer[] => {
		const rand = random(11);
		const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
		return Array.from({ length: 150 }, (_, i) => {
			const c = customer(`k${i}`, {
				stage: pick(['lead', 'prospect', 'customer', 'inactive'] as const),
				ownerId: pick(['rep1', 'rep2', 'rep3']),
				_deleted: rand() < 0.1
			});
			const grade = pick([undefined, 'A', 'B', 'C'] as const);
			const source = pick([undefined, 'referral', 'event'] as const);
			const text = pick([
				undefined,
				'',
				'广东省深圳市南山区',
				'浙江省杭州市',
				'Lyon, France',
				`Street ${i}, Spain`
			]);
			return {
				...c,
				...(grade ? { grade } : {}),
				...(source ? { source } : {}),
				...(rand() < 0.2 ? {} : { address: text === undefined ? {} : { text } })
			} as Customer;
		});
	};

	it('are the codes the records give, every value coded in the order rows first meet it', () => {
		const stored = decoded('customers', list());
		const tables = fresh();
		const codes = storedCustomerCodes(stored, tables, regionOf)!;
		expect(codes).toBeDefined();
		const plain = customerCodes(asRecords(stored));
		for (const field of ['stage', 'grade', 'source', 'region', 'owner'] as const) {
			const byRecords = [...plain[field]].map((c) => customerCodeTables[field].names[c]);
			expect([...codes[field]].map((c) => tables[field].names[c])).toEqual(byRecords);
			// Codes follow first appearance, as the record reader's do.
			expect(tables[field].names).toEqual([...new Set(byRecords)]);
		}
		expect([...codes.live]).toEqual([...plain.live]);
	});

	it('a customer without a stage is left to the record reader', () => {
		const [a, b] = list();
		const { stage: _, ...noStage } = b;
		expect(
			storedCustomerCodes(decoded('customers', [a, noStage as Customer]), fresh(), regionOf)
		).toBeUndefined();
	});
});
