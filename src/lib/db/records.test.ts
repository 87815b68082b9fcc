import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { openDatabase, type FieldbookDb } from './database';
import {
	createRecord,
	deleteRecord,
	patchRecord,
	restoreRecord,
	updateRecord,
	ValidationError
} from './records';
import { all$, allOnce, childrenOf$, one$, readOnce } from './queries';
import { setEditGate } from './edit-gate';

let db: FieldbookDb;
let n = 0;

beforeEach(async () => {
	db = await openDatabase({
		userId: `test-${Date.now()}-${n++}`,
		storage: 'memory',
		devMode: true
	});
});
afterEach(async () => {
	await db.remove();
});

describe('the edit gate', () => {
	afterEach(() => setEditGate(undefined));

	it('holds edits, deletes and restores of stored records until it opens; creates pass', async () => {
		const c = await createRecord(db, 'customers', { name: 'Gated', ownerId: 'u' });
		let open = () => {};
		const gate = new Promise<void>((resolve) => (open = resolve));
		setEditGate(() => gate);
		const created = await createRecord(db, 'customers', { name: 'Not gated', ownerId: 'u' });
		expect(created.name).toBe('Not gated');
		const edit = patchRecord(db, 'customers', c.id, { name: 'Gated, edited' });
		await new Promise((r) => setTimeout(r, 50));
		expect((await firstValueFrom(one$(db, 'customers', c.id)))?.name).toBe('Gated');
		open();
		await edit;
		expect((await firstValueFrom(one$(db, 'customers', c.id)))?.name).toBe('Gated, edited');
		setEditGate(() => new Promise(() => {}));
		let deleted = false;
		void deleteRecord(db, 'customers', c.id).then(() => (deleted = true));
		await new Promise((r) => setTimeout(r, 50));
		expect(deleted).toBe(false);
	});
});

describe('records on the device', () => {
	it('creates a customer with normalised fields and finds it', async () => {
		const c = await createRecord(db, 'customers', {
			name: '  张三 ',
			phones: ['138 0013 8000'],
			emails: [' Zhang@Example.COM '],
			ownerId: 'local'
		});
		expect(c.name).toBe('张三');
		expect(c.phones).toEqual(['+8613800138000']);
		expect(c.emails).toEqual(['zhang@example.com']);
		expect(c.stage).toBe('lead');
		const found = await firstValueFrom(one$(db, 'customers', c.id));
		expect(found?.name).toBe('张三');
	});

	it('rejects invalid input with field errors and writes nothing', async () => {
		const err = await createRecord(db, 'customers', {
			name: '',
			phones: ['12345'],
			ownerId: 'local'
		}).catch((e) => e);
		expect(err).toBeInstanceOf(ValidationError);
		expect(err.fields.name).toBe('err.required');
		expect(err.fields['phones.0']).toBe('err.phone');
		expect(await db.customers.count().exec()).toBe(0);
	});

	it('updates and patches with a later updatedAt', async () => {
		const c = await createRecord(db, 'customers', { name: 'Li Si', ownerId: 'local' });
		const u = await updateRecord(db, 'customers', c.id, { ...c, company: 'Acme' });
		expect(u.company).toBe('Acme');
		expect(u.updatedAt).toBeGreaterThan(c.updatedAt);
		const p = await patchRecord(db, 'customers', c.id, { stage: 'customer' });
		expect(p.company).toBe('Acme');
		expect(p.stage).toBe('customer');
	});

	it('deletes softly and restores on undo', async () => {
		const c = await createRecord(db, 'customers', { name: 'Wang Wu', ownerId: 'local' });
		const before = await deleteRecord(db, 'customers', c.id);
		expect(before?.name).toBe('Wang Wu');
		const list = await firstValueFrom(all$(db, 'customers'));
		expect(list).toHaveLength(0);
		await restoreRecord(db, 'customers', before!);
		const back = await firstValueFrom(one$(db, 'customers', c.id).pipe(filter((x) => x !== null)));
		expect(back?.name).toBe('Wang Wu');
	});

	it('lists a customer’s orders and checks the amount', async () => {
		const c = await createRecord(db, 'customers', { name: 'Zhao', ownerId: 'local' });
		const bad = await createRecord(db, 'orders', {
			orderNo: 'A1',
			customerId: c.id,
			date: '2026-11-01',
			items: [{ product: 'Tea', quantity: 2, unitPrice: 10.5 }],
			amount: 20
		}).catch((e) => e);
		expect(bad.fields.amount).toBe('err.amountMismatch');
		await createRecord(db, 'orders', {
			orderNo: 'A1',
			customerId: c.id,
			date: '2026-11-01',
			items: [{ product: 'Tea', quantity: 2, unitPrice: 10.5 }],
			amount: 21
		});
		const orders = await firstValueFrom(childrenOf$(db, 'orders', c.id));
		expect(orders.map((o) => o.amount)).toEqual([21]);
	});
});

describe('queries read once from the storage', () => {
	it('answer what the live query answers: live records only, as toJSON gives them', async () => {
		const kept = await createRecord(db, 'customers', { name: 'Kept', ownerId: 'local' });
		await createRecord(db, 'customers', { name: 'Later', ownerId: 'local' });
		const gone = await createRecord(db, 'customers', { name: 'Gone', ownerId: 'local' });
		await deleteRecord(db, 'customers', gone.id);
		const live = await firstValueFrom(all$(db, 'customers'));
		const once = await allOnce(db, 'customers');
		const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
		expect([...once].sort(byId)).toEqual([...live].sort(byId));
		expect(once.map((c) => c.name).sort()).toEqual(['Kept', 'Later']);
		const named = await readOnce<{ id: string }>(db.customers, { selector: { name: 'Kept' } });
		expect(named.map((c) => c.id)).toEqual([kept.id]);
	});
});
