import { describe, expect, it } from 'vitest';
import { customerSchema } from './customer';
import { base, issuesOf } from './test-records';

const minimal = { ...base, name: '张三', ownerId: 'user-1' };

describe('customerSchema', () => {
	it('accepts a minimal customer and fills defaults', () => {
		expect(customerSchema.parse(minimal)).toEqual({
			...minimal,
			_deleted: false,
			phones: [],
			emails: [],
			interests: [],
			stage: 'lead',
			customFields: {}
		});
	});

	it('accepts every field and normalises names, phones, emails and tags', () => {
		const c = customerSchema.parse({
			...minimal,
			name: '  Li Lei  ',
			gender: 'male',
			birthday: '1990-02-28',
			phones: ['138 0013 8000', '+44 20 7946 0958', '010-12345678'],
			emails: [' Li.Lei@Example.com '],
			address: { text: ' 1 Nanjing Rd, Shanghai ', lat: 31.23, lng: 121.47 },
			company: ' Acme ',
			occupation: 'buyer',
			interests: [' tea ', 'tea', 'golf'],
			source: 'walk_in',
			stage: 'customer',
			grade: 'a',
			notes: 'likes green tea',
			customFields: { size: 'L' }
		});
		expect(c.name).toBe('Li Lei');
		expect(c.phones).toEqual(['+8613800138000', '+442079460958', '+861012345678']);
		expect(c.emails).toEqual(['li.lei@example.com']);
		expect(c.address?.text).toBe('1 Nanjing Rd, Shanghai');
		expect(c.company).toBe('Acme');
		expect(c.interests).toEqual(['tea', 'golf']);
	});

	it('requires a name that is not blank, and an owner', () => {
		expect(issuesOf(customerSchema.safeParse({ ...minimal, name: '   ' }))).toEqual([
			'name: err.required'
		]);
		expect(issuesOf(customerSchema.safeParse({ ...base, ownerId: 'u' }))).toEqual([
			'name: err.required'
		]);
		expect(customerSchema.safeParse({ ...base, name: 'x' }).success).toBe(false);
		expect(issuesOf(customerSchema.safeParse({ ...minimal, name: 'x'.repeat(101) }))).toEqual([
			'name: err.tooLong'
		]);
	});

	it('points at the bad phone or email', () => {
		expect(
			issuesOf(customerSchema.safeParse({ ...minimal, phones: ['138 0013 8000', '12345'] }))
		).toEqual(['phones.1: err.phone']);
		expect(issuesOf(customerSchema.safeParse({ ...minimal, emails: ['nope'] }))).toEqual([
			'emails.0: err.email'
		]);
	});

	it('refuses impossible and future birthdays', () => {
		expect(issuesOf(customerSchema.safeParse({ ...minimal, birthday: '2023-02-29' }))).toEqual([
			'birthday: err.date'
		]);
		expect(issuesOf(customerSchema.safeParse({ ...minimal, birthday: '2099-01-01' }))).toEqual([
			'birthday: err.futureDate'
		]);
		expect(customerSchema.safeParse({ ...minimal, birthday: '2000-02-29' }).success).toBe(true);
	});

	it('takes only the listed enumerations', () => {
		for (const [field, value] of [
			['stage', 'won'],
			['grade', 'A'],
			['gender', 'f'],
			['source', 'walk-in']
		]) {
			expect(issuesOf(customerSchema.safeParse({ ...minimal, [field]: value }))).toEqual([
				`${field}: err.choice`
			]);
		}
	});

	it('bounds coordinates, tags and ids', () => {
		expect(customerSchema.safeParse({ ...minimal, address: { text: 'x', lat: 91 } }).success).toBe(
			false
		);
		expect(
			customerSchema.safeParse({
				...minimal,
				interests: Array.from({ length: 31 }, (_, i) => `t${i}`)
			}).success
		).toBe(false);
		expect(customerSchema.safeParse({ ...minimal, id: 'abc' }).success).toBe(false);
		expect(customerSchema.safeParse({ ...minimal, updatedAt: -1 }).success).toBe(false);
	});
});
