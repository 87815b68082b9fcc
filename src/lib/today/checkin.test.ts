import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { bulkInsert, createRecord, validateRecord } from '$lib/db/records';
import { newId } from '$lib/domain';
import { checkIn } from './checkin';
import { customerNames$, recentCustomers$, visits$ } from './queries';
import { followUpsDue, plannedVisits } from './select';

let db: FieldbookDb;
let n = 0;

beforeEach(async () => {
	db = await openDatabase({
		userId: `today-${Date.now()}-${n++}`,
		storage: 'memory',
		devMode: true,
		multiInstance: false
	});
});
afterEach(async () => {
	await db.remove();
});

describe('check in from Today', () => {
	it('saves a checked-in visit with the position', async () => {
		const c = await createRecord(db, 'customers', { name: '张三', ownerId: 'local' });
		const now = Date.now();
		const v = await checkIn(db, c.id, { lat: 31.23, lng: 121.47, accuracy: 18 }, now);
		expect(v.checkIn).toEqual({ at: now, lat: 31.23, lng: 121.47, accuracy: 18 });
		const stored = await firstValueFrom(visits$(db));
		expect(stored.map((x) => x.id)).toEqual([v.id]);
	});

	it('without a position logs the visit at now, which answers a due follow-up and is no plan', async () => {
		const c = await createRecord(db, 'customers', { name: 'Li Si', ownerId: 'local' });
		const now = Date.now();
		await createRecord(db, 'visits', {
			customerId: c.id,
			checkIn: { at: now - 5 * 86_400_000, lat: 1, lng: 1, accuracy: 5 },
			nextFollowUpAt: now - 86_400_000
		});
		expect(followUpsDue(await firstValueFrom(visits$(db)), now)).toHaveLength(1);
		const v = await checkIn(db, c.id, undefined, now);
		expect(v.checkIn).toBeUndefined();
		expect(v.plannedAt).toBe(now);
		const visits = await firstValueFrom(visits$(db));
		expect(followUpsDue(visits, now + 1000)).toEqual([]);
		expect(plannedVisits(visits, now + 1000)).toEqual([]);
	});

	it('refuses a position out of range', async () => {
		const c = await createRecord(db, 'customers', { name: 'Wang', ownerId: 'local' });
		const err = await checkIn(db, c.id, { lat: 91, lng: 0, accuracy: 1 }).catch((e) => e);
		expect(err.fields['checkIn.lat']).toBeDefined();
	});
});

describe('customer lists on Today', () => {
	it('widens the window of recent edits until enough customers are found, and follows new edits', async () => {
		const now = Date.now();
		const day = 86_400_000;
		const at = (name: string, updatedAt: number) =>
			validateRecord('customers', { id: newId(), updatedAt, name, ownerId: 'local' });
		await bulkInsert(db, 'customers', [
			at('Old', now - 100 * day),
			at('Month', now - 10 * day),
			at('Today', now - 3_600_000)
		]);
		const names = async () =>
			(await firstValueFrom(recentCustomers$(db, 3, now))).map((c) => c.name);
		expect(await names()).toEqual(['Today', 'Month', 'Old']);
		const live = recentCustomers$(db, 1, now);
		expect((await firstValueFrom(live)).map((c) => c.name)).toEqual(['Today']);
		const fresh = firstValueFrom(live.pipe(filter((cs) => cs[0]?.name === 'Just added')));
		await createRecord(db, 'customers', { name: 'Just added', ownerId: 'local' });
		expect((await fresh).map((c) => c.name)).toEqual(['Just added']);
	});

	it('lists the customers edited last and names customers by id', async () => {
		const at = (name: string, updatedAt: number) =>
			validateRecord('customers', { id: newId(), updatedAt, name, ownerId: 'local' });
		const [zhang, li, wang] = [at('张三', 3000), at('Li Si', 1000), at('Wang Wu', 2000)];
		await bulkInsert(db, 'customers', [zhang, li, wang]);
		const recent = await firstValueFrom(recentCustomers$(db, 2, 3000));
		expect(recent.map((c) => c.name)).toEqual(['张三', 'Wang Wu']);
		expect((await firstValueFrom(recentCustomers$(db, 5, 3000))).map((c) => c.name)).toEqual([
			'张三',
			'Wang Wu',
			'Li Si'
		]);
		const names = await firstValueFrom(customerNames$(db, [zhang.id, li.id, zhang.id]));
		expect([...names]).toEqual([
			[zhang.id, '张三'],
			[li.id, 'Li Si']
		]);
	});
});
