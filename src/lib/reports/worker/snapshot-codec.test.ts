import { describe, expect, it } from 'vitest';
import { customer, sale } from '../fixtures';
import { decodeRecords, RecordsEncoder, type Column } from './snapshot-codec';

function roundTrip<T extends object>(records: T[], chunk = 2): T[] {
	const enc = new RecordsEncoder();
	for (let i = 0; i < records.length; i += chunk)
		enc.add(records, i, Math.min(records.length, i + chunk));
	return decodeRecords<T>(enc.finish());
}

describe('snapshot codec', () => {
	it('gives back the records it encoded, nested objects, arrays and absent fields included', () => {
		const records = [
			customer('c1', { name: 'Bo', interests: ['tea', 'golf'], grade: 'a' }),
			customer('c2', { name: '王芳', interests: [], phones: ['+8613800000000'] }),
			sale('o1', 'c1', '2024-03-05', 100),
			{ id: 'x', n: -0, big: 1e300, nan: Number.NaN, nothing: null, flag: true, off: false },
			{ id: 'y', mixed: 3, deep: { a: [{ b: 1 }, { c: 'd' }], e: null }, empty: {} },
			{ id: 'z', mixed: 'three', deep: { a: [] }, text: 'with\u0000separator', empty: '' }
		];
		const back = roundTrip(records as object[]);
		expect(back).toEqual(records);
		expect(Object.is((back[3] as { n: number }).n, -0)).toBe(true);
		expect('grade' in back[1]).toBe(false);
	});

	it('keeps repeated strings in a dictionary and unique ones as text', () => {
		const records = Array.from({ length: 100 }, (_, i) => ({
			id: `id-${i}`,
			status: i % 3 ? 'paid' : 'cancelled',
			// 50 distinct values in 100 rows: a dictionary; 90 in 100: text.
			customerId: `c-${i % 50}`,
			note: `n-${i % 90}`
		}));
		const enc = new RecordsEncoder();
		enc.add(records);
		const col = enc.finish() as Extract<Column, { k: 'obj' }>;
		const field = (name: string) => col.f.find(([k]) => k === name)![1];
		expect(field('status')).toMatchObject({ k: 'str', s: 'cancelled\u0000paid' });
		expect(field('status')).toHaveProperty('i');
		expect(field('id')).not.toHaveProperty('i');
		expect(field('customerId')).toHaveProperty('i');
		expect(field('note')).not.toHaveProperty('i');
		expect(decodeRecords(col)).toEqual(records);
	});

	it('leaves out RxDB bookkeeping fields', () => {
		const enc = new RecordsEncoder();
		enc.add([{ id: 'a', _deleted: false, _meta: { lwt: 1 }, _rev: '1-x', _attachments: {} }]);
		expect(decodeRecords(enc.finish())).toEqual([{ id: 'a', _deleted: false }]);
	});

	it('encodes no records and decodes them as none', () => {
		expect(roundTrip([])).toEqual([]);
	});

	it('throws on a column whose parts disagree, before building anything', () => {
		const enc = new RecordsEncoder();
		enc.add([
			{ id: 'a', amount: 1, items: [{ q: 1 }] },
			{ id: 'b', amount: 2, items: [] }
		]);
		const good = enc.finish() as Extract<Column, { k: 'obj' }>;
		const broken = (change: (col: Extract<Column, { k: 'obj' }>) => void) => {
			const col = structuredClone(good);
			change(col);
			return () => decodeRecords(col);
		};
		const field = (col: Extract<Column, { k: 'obj' }>, name: string) =>
			col.f.find(([k]) => k === name)![1] as Column & Record<string, unknown>;
		expect(broken((c) => (field(c, 'amount').v = new Float64Array(1)))).toThrow(/Corrupt/);
		expect(broken((c) => (field(c, 'id').s = 'a'))).toThrow(/Corrupt/);
		expect(broken((c) => (field(c, 'items').l = new Uint32Array([2, 0])))).toThrow(/Corrupt/);
		expect(broken((c) => (c.n = 3))).toThrow(/Corrupt/);
		expect(broken((c) => ((c as { k: string }).k = 'bogus'))).toThrow(/Corrupt/);
		expect(() => decodeRecords({ k: 'num', n: 1, v: new Float64Array(1) })).toThrow(/Corrupt/);
	});
});
