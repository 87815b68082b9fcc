import { describe, expect, it } from 'vitest';
import { normalizePhone, type Customer } from '../domain';
import {
	editDistance,
	emailKey,
	findDuplicates,
	isNormal,
	normalizeText,
	similarNames,
	withinOneEdit,
	type DuplicateGroup,
	type DuplicateReason
} from './duplicates';
import { hasValue, quality } from './quality';
import { at, checkIn, customer, dataset, visit } from './fixtures';

describe('name matching', () => {
	it('normalises case, whitespace and punctuation', () => {
		expect(normalizeText(' ACME Co., Ltd. ')).toBe('acmecoltd');
		expect(normalizeText('深圳·华强 公司')).toBe('深圳华强公司');
	});

	it('leaves text that is already normal as it is, and knows it from its units', () => {
		// Every unit isNormal accepts on its own is kept by normalising.
		const accepted: string[] = [];
		for (let u = 0; u < 0x10000; u++) {
			const s = String.fromCharCode(u);
			if (isNormal(s)) accepted.push(s);
		}
		expect(accepted.length).toBe(26 + 10 + (0x9fff - 0x4e00 + 1));
		expect(accepted.filter((s) => normalizeText(` ${s}.`) !== s)).toEqual([]);
		expect(isNormal('公司12')).toBe(true);
		expect(isNormal('王伟')).toBe(true);
		expect(isNormal('Acme')).toBe(false);
		expect(isNormal('公司 1')).toBe(false);
		expect(normalizeText('公司12')).toBe('公司12');
	});

	it('compares emails trimmed and in lower case', () => {
		for (const e of [
			'li@example.com',
			' Li@Example.com ',
			'a\u00a0',
			'\ufeffx@y.z',
			'ÄB@x.de',
			'a+b_c-d@x.y'
		]) {
			expect(emailKey(e)).toBe(e.trim().toLowerCase());
		}
		const plain = 'user12@example.com';
		expect(emailKey(plain)).toBe(plain);
	});

	it('measures edit distance, stopping past the limit', () => {
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('kitten', 'sitting', 1)).toBe(2);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('tells one edit apart as editDistance does, for every pair of short strings', () => {
		// Every string of up to 4 units over a, b and 王 (121 strings, 14,641 pairs).
		const units = ['a', 'b', '王'];
		let strings = [''];
		for (let len = 1, last = ['']; len <= 4; len++) {
			last = last.flatMap((s) => units.map((u) => s + u));
			strings = strings.concat(last);
		}
		let differ = 0;
		for (const a of strings) {
			for (const b of strings) {
				if (withinOneEdit(a, b) !== editDistance(a, b, 1) <= 1) differ++;
			}
		}
		expect(strings.length).toBe(121);
		expect(differ).toBe(0);
		expect(withinOneEdit('abcd', 'abd')).toBe(true);
		expect(withinOneEdit('abcd', 'abdc')).toBe(false);
		expect(withinOneEdit('😀a', '😁a')).toBe(true);
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

/** findDuplicates as it was written first (Maps and Sets), kept to check the typed rewrite. */
function referenceDuplicates(customers: readonly Customer[]): DuplicateGroup[] {
	const parent = customers.map((_, i) => i);
	const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
	const reasons = new Map<number, Set<DuplicateReason>>();
	const link = (i: number, j: number, why: DuplicateReason) => {
		const [a, b] = [find(i), find(j)];
		if (a !== b) parent[b] = a;
		const r = reasons.get(a) ?? new Set<DuplicateReason>();
		for (const x of [why, ...(reasons.get(b) ?? [])]) r.add(x);
		reasons.set(a, r);
	};
	const linkSame = (why: DuplicateReason, keysOf: (c: Customer) => string[]) => {
		const first = new Map<string, number>();
		customers.forEach((c, i) => {
			const keys = keysOf(c);
			keys.forEach((key, k) => {
				if (keys.indexOf(key) < k) return;
				const j = first.get(key);
				if (j === undefined) first.set(key, i);
				else link(j, i, why);
			});
		});
	};
	linkSame('phone', (c) => c.phones.map((p) => normalizePhone(p)).filter((p): p is string => !!p));
	linkSame('email', (c) => c.emails.map((e) => e.trim().toLowerCase()).filter(Boolean));
	const names = customers.map((c) => normalizeText(c.name));
	const blocks = new Map<string, number[]>();
	customers.forEach((c, i) => {
		const company = normalizeText(c.company);
		if (!company || !names[i]) return;
		for (const key of [`${company}/^${names[i][0]}`, `${company}/$${names[i].at(-1)}`]) {
			if (!blocks.has(key)) blocks.set(key, []);
			blocks.get(key)!.push(i);
		}
	});
	for (const block of blocks.values())
		for (let x = 0; x < block.length; x++)
			for (let y = x + 1; y < block.length; y++)
				if (similarNames(names[block[x]], names[block[y]])) link(block[x], block[y], 'name');
	const groups = new Map<number, string[]>();
	customers.forEach((c, i) => {
		if (!groups.has(find(i))) groups.set(find(i), []);
		groups.get(find(i))!.push(c.id);
	});
	return [...groups]
		.filter(([, ids]) => ids.length > 1)
		.map(([root, ids]) => ({
			customerIds: ids.sort(),
			reasons: [...(reasons.get(root) ?? [])].sort() as DuplicateReason[]
		}))
		.sort((a, b) => (a.customerIds[0] < b.customerIds[0] ? -1 : 1));
}

describe('findDuplicates on many customers', () => {
	it('finds what the first (Map and Set) version found, big blocks included', () => {
		let state = 7;
		const rand = (n: number) => {
			state = (Math.imul(state, 1103515245) + 12345) >>> 0;
			return (state >>> 8) % n;
		};
		const given = ['伟', '芳', '娜', 'wei', 'lei', 'Lei', 'ming'];
		const customers = Array.from({ length: 3000 }, (_, i) =>
			customer(`c${String(rand(100000)).padStart(5, '0')}-${i}`, {
				name: `${['王', '李', 'Li ', 'Wang '][rand(4)]}${given[rand(7)]}${rand(3) ? '' : given[rand(7)]}`,
				// One company holds about a third of everyone: blocks far over 32 members.
				company: rand(3) ? `公司${rand(60)}` : rand(2) ? 'ACME Ltd.' : undefined,
				phones: rand(4) ? [] : [`+86 138 ${String(rand(900)).padStart(4, '0')} 0000`],
				emails: rand(5) ? [] : [`U${rand(700)}@example.com`, `u${rand(700)}@example.com `]
			})
		);
		const groups = findDuplicates(customers);
		expect(groups.length).toBeGreaterThan(50);
		expect(new Set(groups.flatMap((g) => g.reasons))).toEqual(new Set(['phone', 'email', 'name']));
		expect(groups).toEqual(referenceDuplicates(customers));
	});
});

describe('completeness', () => {
	it('counts each field as hasValue does', () => {
		const values: Partial<Customer>[] = [
			{ name: ' ', gender: 'female', birthday: '1990-01-01', phones: ['+8613800138000'] },
			{ emails: ['a@b.c'], address: { text: '  ' }, company: 'x', occupation: '' },
			{ interests: ['tea'], source: 'referral', grade: 'a', notes: ' n ', address: { text: 'y' } },
			{ name: '王伟', phones: [], emails: [], interests: [], notes: '' }
		];
		const customers = values.map((v, i) => customer(`c${i}`, v));
		const r = quality(dataset({ customers }), { now: 0 });
		for (const { field, filled } of r.completeness) {
			expect([field, filled]).toEqual([field, customers.filter((c) => hasValue(c, field)).length]);
		}
		expect(r.completeness.map((c) => c.filled).reduce((a, b) => a + b)).toBeGreaterThan(8);
	});

	it('counts a text as filled when trimming leaves something', () => {
		// Every white space and line end trim removes, alone, around a letter and after one.
		const spaces = [
			0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x2028, 0x2029,
			0x202f, 0x205f, 0x3000, 0xfeff
		].map((u) => String.fromCharCode(u));
		const texts = [
			'',
			'a',
			'王',
			'\u3001',
			'\u00e9',
			...spaces,
			...spaces.map((s) => `${s}王${s}`)
		];
		for (const name of texts) {
			expect([name, hasValue(customer('c', { name }), 'name')]).toEqual([name, name.trim() !== '']);
		}
	});
});
