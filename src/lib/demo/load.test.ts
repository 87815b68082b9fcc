import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { loadDemoData, type DemoProgress } from './load';

let db: FieldbookDb;
let n = 0;

beforeEach(async () => {
	db = await openDatabase({
		userId: `demo-${Date.now()}-${n++}`,
		storage: 'memory',
		devMode: true
	});
});
afterEach(async () => {
	await db.remove();
});

describe('loadDemoData', () => {
	it('writes every generated record in batches and reports progress up to the total', async () => {
		const progress: DemoProgress[] = [];
		const written = await loadDemoData(db, { customers: 2500, seed: 3 }, (p) => progress.push(p));
		expect(written.customers).toBe(2500);
		expect(await db.customers.count().exec()).toBe(2500);
		expect(await db.orders.count().exec()).toBe(written.orders);
		expect(written.orders).toBeGreaterThan(2500);
		const last = progress.at(-1)!;
		expect(last.done).toBe(last.total);
		expect(progress.filter((p) => p.collection === 'customers').map((p) => p.done)).toEqual([
			2000, 2500
		]);
	});
});
