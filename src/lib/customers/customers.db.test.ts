import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { createRecord, patchRecord } from '$lib/db/records';
import { all$, childrenOf$, one$ } from '$lib/db/queries';
import { saveRecord } from '$lib/records/save';
import { deleteWithUndo } from '$lib/records/undo';
import { orderDraft, orderInput } from '$lib/records/drafts';
import { toasts } from '$lib/ui/toast.svelte';
import { deleteCustomer, restoreCustomer } from './delete';
import { draftToInput, emptyCustomerDraft } from './form';
import { loadPinyin, SearchIndex } from './search';
import { filterCustomers, sortCustomers } from './list';

let db: FieldbookDb;
let n = 0;

beforeEach(async () => {
	db = await openDatabase({
		userId: `cust-${Date.now()}-${n++}`,
		storage: 'memory',
		devMode: true
	});
});
afterEach(async () => {
	await db.remove();
});

async function customer(name: string, extra: Partial<ReturnType<typeof emptyCustomerDraft>> = {}) {
	return createRecord(
		db,
		'customers',
		draftToInput({ ...emptyCustomerDraft(), name, ...extra }, 'local')
	);
}

describe('customer pages on RxDB', () => {
	it('creates from the form draft, lists, searches, filters and sorts what was stored', async () => {
		await customer('张三', { phones: ['13800138000'], stage: 'customer', grade: 'a' });
		await customer('李四', { company: 'Acme', interests: ['tea'] });
		await customer('王五', { emails: ['WW@example.com'], stage: 'customer' });
		const list = await firstValueFrom(all$(db, 'customers'));
		expect(list).toHaveLength(3);
		await loadPinyin();
		const index = new SearchIndex();
		expect(index.search(list, 'zs').map((c) => c.name)).toEqual(['张三']);
		expect(index.search(list, 'ww@').map((c) => c.name)).toEqual(['王五']);
		const customers = filterCustomers(sortCustomers(list, 'name'), { stage: 'customer' });
		expect(customers.map((c) => c.name)).toEqual(['王五', '张三']);
		expect(filterCustomers(list, { tag: 'tea' }).map((c) => c.name)).toEqual(['李四']);
	});

	it('edits through saveRecord, clearing blanked fields', async () => {
		const c = await customer('Zhao', { company: 'Old Co', notes: 'note' });
		const edited = await saveRecord(
			db,
			'customers',
			c,
			draftToInput({ ...emptyCustomerDraft(), name: 'Zhao Liu', company: 'New Co' }, 'local')
		);
		expect(edited.company).toBe('New Co');
		expect(edited.notes).toBeUndefined();
		const stored = await firstValueFrom(one$(db, 'customers', c.id));
		expect(stored?.name).toBe('Zhao Liu');
		expect(stored?.notes).toBeUndefined();
	});

	it('saves only the fields the form changed, keeping one synced in while it was open', async () => {
		const c = await customer('Zhou', { company: 'Old Co', notes: 'first note' });
		const opened = {
			...emptyCustomerDraft(),
			name: 'Zhou',
			company: 'Old Co',
			notes: 'first note'
		};
		const initial = draftToInput(opened, 'local');
		// Another device changes the company; the pull writes it while the form is open.
		await patchRecord(db, 'customers', c.id, { company: 'Synced Co' });
		// The rep edits the name and clears the notes; the form still holds the old company.
		const edited = await saveRecord(
			db,
			'customers',
			c,
			draftToInput({ ...opened, name: 'Zhou Min', notes: '' }, 'local'),
			initial
		);
		expect(edited.name).toBe('Zhou Min');
		expect(edited.company).toBe('Synced Co');
		expect(edited.notes).toBeUndefined();
		const stored = await firstValueFrom(one$(db, 'customers', c.id));
		expect(stored).toMatchObject({ name: 'Zhou Min', company: 'Synced Co' });
		expect(stored?.notes).toBeUndefined();
		// Saving with nothing changed writes nothing.
		const before = stored?.updatedAt;
		await saveRecord(db, 'customers', c, initial, initial);
		expect((await firstValueFrom(one$(db, 'customers', c.id)))?.updatedAt).toBe(before);
	});

	it('deletes a customer with its children and undo restores all of them', async () => {
		const c = await customer('Qian');
		const other = await customer('Sun');
		const order = await saveRecord(
			db,
			'orders',
			undefined,
			orderInput(
				{ ...orderDraft(), items: [{ product: 'Tea', quantity: '1', unitPrice: '9.9' }] },
				c.id
			)
		);
		await createRecord(db, 'visits', { customerId: c.id, plannedAt: Date.now() + 3_600_000 });
		await createRecord(
			db,
			'orders',
			orderInput(
				{ ...orderDraft(), items: [{ product: 'Cup', quantity: '1', unitPrice: '1' }] },
				other.id
			)
		);
		const deleted = await deleteCustomer(db, c.id);
		expect(deleted?.children.orders.map((o) => o.id)).toEqual([order.id]);
		expect(deleted?.children.visits).toHaveLength(1);
		expect(await firstValueFrom(one$(db, 'customers', c.id))).toBeNull();
		expect(await firstValueFrom(childrenOf$(db, 'orders', c.id))).toHaveLength(0);
		expect(await firstValueFrom(childrenOf$(db, 'orders', other.id))).toHaveLength(1);
		await restoreCustomer(db, deleted!);
		expect((await firstValueFrom(one$(db, 'customers', c.id)))?.name).toBe('Qian');
		expect(await firstValueFrom(childrenOf$(db, 'orders', c.id))).toHaveLength(1);
		expect(await firstValueFrom(childrenOf$(db, 'visits', c.id))).toHaveLength(1);
	});

	it('deletes a child record and the Undo toast brings it back', async () => {
		const c = await customer('Li');
		const s = await createRecord(db, 'services', {
			customerId: c.id,
			type: 'repair',
			openedAt: Date.now()
		});
		expect(
			await deleteWithUndo(db, 'services', s.id, {
				deleted: 'Service record deleted',
				undo: 'Undo'
			})
		).toBe(true);
		expect(await firstValueFrom(childrenOf$(db, 'services', c.id))).toHaveLength(0);
		const toast = toasts.items.at(-1);
		expect(toast?.message).toBe('Service record deleted');
		await toast?.action?.();
		expect((await firstValueFrom(childrenOf$(db, 'services', c.id))).map((x) => x.id)).toEqual([
			s.id
		]);
	});

	it('adds a customer to a campaign and changes the status', async () => {
		const c = await customer('Zhou');
		const campaign = await createRecord(db, 'campaigns', {
			name: 'Spring tea',
			type: 'event',
			startsAt: Date.now(),
			endsAt: Date.now() + 86_400_000
		});
		const p = await createRecord(db, 'participations', {
			campaignId: campaign.id,
			customerId: c.id,
			status: 'invited',
			at: Date.now()
		});
		await patchRecord(db, 'participations', p.id, { status: 'joined' });
		const list = await firstValueFrom(childrenOf$(db, 'participations', c.id));
		expect(list.map((x) => x.status)).toEqual(['joined']);
	});
});
