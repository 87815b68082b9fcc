import { describe, expect, it } from 'vitest';
import { editDistance, findDuplicates, normalizeText, similarNames } from './duplicates';
import { quality } from './quality';
import { at, checkIn, customer, dataset, visit } from './fixtures';

describe('name matching', () => {
	it('normalises case, whitespace and punctuation', () => {
		expect(normalizeText(' ACME Co., Ltd. ')).toBe('acmecoltd');
		expect(normalizeText('深圳·华强 公司')).toBe('深圳华强公司');
	});

	it('measures edit distance, stopping past the limit', () => {
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('kitten', 'sitting', 1)).toBe(2);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('allows one edit only from three characters', () => {
		expect(similarNames('zhangwei', 'zhangwai')).toBe(true);
		expect(similarNames('王小明', '王晓明')).toBe(true);
		expect(similarNames('王伟', '王伟')).toBe(true);
		expect(similarNames('王伟', '王玮')).toBe(false);
		expect(similarNames('zhangwei', 'zhangwu')).toBe(false);
	});
});

describe('findDuplicates', () => {
	it('links shared phones, emails and similar names at one company, chaining', () => {
		const groups = findDuplicates([
			customer('a', { phones: ['+8613800138000'] }),
			customer('b', { phones: ['+86 138 0013 8000'] }),
			customer('c', { emails: ['Li@Example.com'] }),
			customer('d', { emails: ['li@example.com'], name: 'Li Lei', company: 'Acme Ltd' }),
			// first letter differs, last letter kept: still found
			customer('e', { name: 'Ki Lei', company: 'ACME, ltd.' }),
			// same name, other company: not linked
			customer('f', { name: 'Li Lei', company: 'Other' }),
			// same name, no company: not linked
			customer('g', { name: 'Li Lei' }),
			customer('h', { name: 'Li Lei' })
		]);
		expect(groups).toEqual([
			{ customerIds: ['a', 'b'], reasons: ['phone'] },
			{ customerIds: ['c', 'd', 'e'], reasons: ['email', 'name'] }
		]);
	});
});

describe('quality', () => {
	const now = at('2024-05-15T12:00');
	const data = dataset({
		customers: [
			customer('a', {
				name: 'Ann',
				phones: ['+8613800138000'],
				address: { text: '北京市' },
				stage: 'lead'
			}),
			customer('b', {
				name: 'Bo',
				notes: '   ',
				address: { text: '' },
				interests: ['x'],
				stage: 'prospect'
			}),
			customer('c', { name: 'Cy', phones: ['+8613800138000'], stage: 'lead' }),
			customer('d', { name: 'Di', stage: 'customer', createdAt: at('2024-05-01T00:00') }),
			customer('e', { name: 'Ed', stage: 'lead', _deleted: true })
		],
		visits: [
			visit('v1', 'a', { plannedAt: at('2024-05-20T10:00') }),
			// c: planned in the past, follow-up in the past: still missing
			visit('v2', 'c', {
				checkIn: checkIn('2024-05-01T10:00'),
				nextFollowUpAt: at('2024-05-10T10:00')
			})
		]
	});
	const r = quality(data, { now });

	it('measures completeness over live customers', () => {
		const share = Object.fromEntries(r.completeness.map((x) => [x.field, [x.filled, x.share]]));
		expect(r.customers).toBe(4);
		expect(share.name).toEqual([4, 1]);
		expect(share.phones).toEqual([2, 0.5]); // a, c
		expect(share.address).toEqual([1, 0.25]); // b's address text is empty
		expect(share.notes).toEqual([0, 0]); // blank notes are empty
		expect(share.interests).toEqual([1, 0.25]);
	});

	it('finds duplicates and leads without a next step', () => {
		expect(r.duplicates).toEqual([{ customerIds: ['a', 'c'], reasons: ['phone'] }]);
		// a has a visit planned; b has nothing; c's follow-up is past; d is a customer
		expect(r.missingFollowUp).toEqual(['b', 'c']);
	});

	it('looks only at customers created in the range', () => {
		const ranged = quality(data, { now, filter: { from: at('2024-04-01T00:00') } });
		expect(ranged.customers).toBe(1);
		expect(ranged.missingFollowUp).toEqual([]);
	});
});
