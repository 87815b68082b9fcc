import { beforeAll, describe, expect, it } from 'vitest';
import { loadPinyin } from '$lib/customers/search';
import type { Customer } from '$lib/domain';
import { pickCustomers } from './pick';

let n = 0;
function customer(name: string, updatedAt: number, extra: Partial<Customer> = {}): Customer {
	return {
		id: `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
		updatedAt,
		_deleted: false,
		name,
		phones: [],
		emails: [],
		interests: [],
		stage: 'lead',
		customFields: {},
		ownerId: 'local',
		...extra
	};
}

describe('pickCustomers', () => {
	beforeAll(() => loadPinyin());

	const zhang = customer('张三', 3, { company: 'Acme' });
	const li = customer('Li Si', 5, { phones: ['+8613800138000'] });
	const wang = customer('Wang Wu', 1);
	const all = [zhang, li, wang];

	it('finds by pinyin initials, company or phone, and lists newest edits first', () => {
		expect(pickCustomers(all, 'zs')).toEqual([zhang]);
		expect(pickCustomers(all, 'acme')).toEqual([zhang]);
		expect(pickCustomers(all, '138 0013')).toEqual([li]);
		expect(pickCustomers(all, '').map((c) => c.name)).toEqual(['Li Si', '张三', 'Wang Wu']);
		expect(pickCustomers(all, 'nobody')).toEqual([]);
	});

	it('gives at most `limit` customers', () => {
		expect(pickCustomers(all, '', 2).map((c) => c.name)).toEqual(['Li Si', '张三']);
	});
});
