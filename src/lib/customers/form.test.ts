import { describe, expect, it } from 'vitest';
import { customerToDraft, draftPath, draftToInput, emptyCustomerDraft } from './form';
import { checkRecord } from '$lib/records/validate';
import { validateRecord } from '$lib/db/records';

describe('customer form draft', () => {
	it('turns a filled draft into a valid record and back', () => {
		const d = {
			...emptyCustomerDraft(),
			name: '张三',
			phones: ['138 0013 8000', ''],
			emails: ['', 'ZS@Example.com'],
			addressText: '上海市 南京路 1 号',
			lat: '31.2',
			lng: '121.5',
			interests: ['tea'],
			grade: 'a' as const,
			custom: [
				{ key: 'WeChat', value: 'zs88' },
				{ key: ' ', value: 'dropped' }
			]
		};
		const input = draftToInput(d, 'local');
		expect(checkRecord('customers', input)).toEqual({});
		const record = validateRecord('customers', {
			...input,
			id: '0190a4b2-0000-7000-8000-000000000001',
			updatedAt: 5
		});
		expect(record.phones).toEqual(['+8613800138000']);
		expect(record.emails).toEqual(['zs@example.com']);
		expect(record.address).toEqual({ text: '上海市 南京路 1 号', lat: 31.2, lng: 121.5 });
		expect(record.customFields).toEqual({ WeChat: 'zs88' });
		const back = customerToDraft(record);
		expect(back.phones).toEqual(['138 0013 8000']);
		expect(checkRecord('customers', draftToInput(back, 'local'))).toEqual({});
		expect(back.lat).toBe('31.2');
		expect(back.grade).toBe('a');
	});

	it('reports errors at the input that holds them', () => {
		const d = { ...emptyCustomerDraft(), phones: ['', '12345'], emails: ['bad'] };
		const errors = checkRecord('customers', draftToInput(d, 'local'));
		expect(errors.name).toBe('err.required');
		expect(draftPath('phones.0', d)).toBe('phones.1');
		expect(errors['phones.0']).toBe('err.phone');
		expect(draftPath('emails.0', d)).toBe('emails.0');
		expect(draftPath('address.text', d)).toBe('addressText');
		expect(draftPath('address.lat', d)).toBe('lat');
	});

	it('gives an address with only a position its coordinates as text', () => {
		const input = draftToInput({ ...emptyCustomerDraft(), name: 'A', lat: '1.5', lng: '2' }, 'u');
		expect(input.address).toEqual({ text: '1.5, 2', lat: 1.5, lng: 2 });
		expect(draftToInput({ ...emptyCustomerDraft(), name: 'A' }, 'u').address).toBeUndefined();
	});

	it('leaves an unreadable latitude for the schema to reject', () => {
		const errors = checkRecord(
			'customers',
			draftToInput({ ...emptyCustomerDraft(), name: 'A', lat: 'north', lng: '2' }, 'u')
		);
		expect(Object.keys(errors)).toContain('address.lat');
	});
});
