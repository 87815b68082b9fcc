import 'fake-indexeddb/auto';
import fc from 'fast-check';
import {
	getQueryMatcher,
	getSortComparator,
	type MangoQuery,
	type PreparedQuery,
	type RxStorageInstance
} from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type FieldbookDb } from './database';
import { wholeRangeCount } from './whole-range-query';

const STAGES = ['lead', 'prospect', 'customer', 'inactive'] as const;

const customer = (i: number) => ({
	id: `c${String(i).padStart(4, '0')}`,
	// Repeated times, so ties are broken by id as the index does.
	updatedAt: 1_000 + (i % 37) * 10,
	name: `Customer ${(i * 7919) % 101}`,
	ownerId: 'u1',
	phones: [],
	emails: [],
	interests: [],
	stage: STAGES[i % 4],
	customFields: {}
});

let db: FieldbookDb;
let removed = 0;
beforeAll(async () => {
	db = await openDatabase({
		userId: 'wholerange' + Math.random().toString(36).slice(2, 8),
		storage: 'dexie',
		multiInstance: false
	});
	await db.customers.bulkInsert(Array.from({ length: 300 }, (_, i) => customer(i)) as never);
	// Tombstones in the middle of the ranges.
	const gone = await db.customers.find({ selector: { updatedAt: { $in: [1_050, 1_200] } } }).exec();
	await db.customers.bulkRemove(gone.map((d) => d.id));
	removed = gone.length;
});
afterAll(async () => {
	await db.remove();
});

type Query = MangoQuery<Record<string, unknown>>;

const queryArb: fc.Arbitrary<Query> = fc
	.record({
		lower: fc.option(
			fc.tuple(fc.constantFrom('$gt', '$gte'), fc.integer({ min: 990, max: 1_370 }))
		),
		upper: fc.option(
			fc.tuple(fc.constantFrom('$lt', '$lte'), fc.integer({ min: 990, max: 1_370 }))
		),
		stage: fc.option(fc.constantFrom(...STAGES)),
		sort: fc.constantFrom('updatedAt-asc', 'updatedAt-desc', 'name-asc', 'id-asc', 'none'),
		skip: fc.option(fc.integer({ min: 0, max: 40 })),
		limit: fc.option(fc.integer({ min: 1, max: 120 }))
	})
	.map(({ lower, upper, stage, sort, skip, limit }) => {
		const updatedAt: Record<string, number> = {};
		if (lower) updatedAt[lower[0]] = lower[1];
		if (upper) updatedAt[upper[0]] = upper[1];
		const selector: Record<string, unknown> = {};
		if (Object.keys(updatedAt).length) selector.updatedAt = updatedAt;
		if (stage) selector.stage = stage;
		const query: Query = { selector };
		if (sort !== 'none') {
			const [field, dir] = sort.split('-');
			query.sort = [{ [field]: dir as 'asc' | 'desc' }];
		}
		if (skip !== null) query.skip = skip;
		if (limit !== null) query.limit = limit;
		return query;
	});

describe('whole-range queries', () => {
	it('answer what the query means, for any range, sort, skip and limit', async () => {
		const instance = db.customers.storageInstance as unknown as RxStorageInstance<
			Record<string, unknown>,
			unknown,
			unknown
		>;
		// The reference: every stored document, matched, sorted and cut as RxDB defines it.
		const ids = Array.from({ length: 300 }, (_, i) => customer(i).id);
		const stored = await instance.findDocumentsById(ids, false);
		let read = 0;
		await fc.assert(
			fc.asyncProperty(queryArb, async (q) => {
				const prepared = db.customers.find(q as never).getPreparedQuery() as PreparedQuery<
					Record<string, unknown>
				>;
				if (wholeRangeCount(prepared) !== undefined) read++;
				const ours = await instance.query(prepared);
				const schema = instance.schema;
				const skip = prepared.query.skip ?? 0;
				const expected = stored
					.filter(getQueryMatcher(schema, prepared.query))
					.sort(getSortComparator(schema, prepared.query))
					.slice(skip, skip + (prepared.query.limit ?? Infinity));
				expect(ours.documents.map((d) => d.id)).toEqual(expected.map((d) => d.id));
				expect(ours.documents).toEqual(expected);
			}),
			{ numRuns: 150, seed: 20261123 }
		);
		// Many took the one-request path (the rest: a limit the index alone cannot decide).
		expect(read).toBeGreaterThan(20);
	});

	it('reads in one request only what the index alone decides', () => {
		const plan = (q: Query) =>
			wholeRangeCount(
				db.customers.find(q as never).getPreparedQuery() as PreparedQuery<Record<string, unknown>>
			);
		expect(plan({ selector: {} })).toBe('all');
		expect(plan({ selector: { stage: 'lead' }, limit: 5 })).toBeUndefined();
		expect(
			plan({
				selector: { updatedAt: { $gt: 1_100 } },
				sort: [{ updatedAt: 'asc' }],
				skip: 2,
				limit: 5
			})
		).toBe(7);
		expect(plan({ selector: {}, sort: [{ name: 'asc' }], limit: 5 })).toBeUndefined();
	});

	it('lists live records only, as the pages read them', async () => {
		const all = await db.customers.find().exec();
		expect(removed).toBeGreaterThan(0);
		expect(all).toHaveLength(300 - removed);
		expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
		expect(all.some((d) => d.updatedAt === 1_050 || d.updatedAt === 1_200)).toBe(false);
	});
});
