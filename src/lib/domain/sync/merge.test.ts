import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeRecord, type Doc } from './merge';
import { canonicalJson, jsonEqual } from './canonical';

const id = '01890000-0000-7000-8000-000000000001';
const NOW = 2_000_000;
const doc = (fields: Record<string, unknown>, updatedAt = 1000, _deleted = false): Doc => ({
	id,
	updatedAt,
	_deleted,
	...fields
});

describe('mergeRecord', () => {
	it('takes each side’s change when they touch different fields', () => {
		const base = doc({ name: 'A', notes: 'n' });
		const server = doc({ name: 'B', notes: 'n' }, 1100);
		const device = doc({ name: 'A', notes: 'm' }, 1050);
		const { merged, losers } = mergeRecord(base, server, device, NOW);
		expect(merged).toEqual(doc({ name: 'B', notes: 'm' }, 1100));
		expect(losers).toEqual([]);
	});

	it('gives a field changed on both sides to the later edit and reports the loser', () => {
		const base = doc({ name: 'A' });
		const { merged, losers } = mergeRecord(
			base,
			doc({ name: 'S' }, 1200),
			doc({ name: 'D' }, 1300),
			NOW
		);
		expect(merged.name).toBe('D');
		expect(losers).toEqual([{ field: 'name', value: 'S', updatedAt: 1200, side: 'server' }]);
		const other = mergeRecord(base, doc({ name: 'S' }, 1400), doc({ name: 'D' }, 1300), NOW);
		expect(other.merged.name).toBe('S');
		expect(other.losers[0]).toMatchObject({ value: 'D', side: 'device' });
	});

	it('breaks equal updatedAt by canonical JSON, an absent value lowest', () => {
		const base = doc({ name: 'A', company: 'X' });
		const r = mergeRecord(
			base,
			doc({ name: 'B' }, 1500),
			doc({ name: 'C', company: 'Y' }, 1500),
			NOW
		);
		expect(r.merged.name).toBe('C');
		expect(r.merged.company).toBe('Y');
		const r2 = mergeRecord(
			base,
			doc({ name: 'C', company: 'Y' }, 1500),
			doc({ name: 'B' }, 1500),
			NOW
		);
		expect(r2.merged).toEqual(r.merged);
	});

	it('compares arrays and objects whole, ignoring key order', () => {
		const base = doc({ address: { text: 'a', lat: 1 } });
		const device = doc({ address: { lat: 1, text: 'a' } }, 1100);
		const server = doc({ address: { text: 'b', lat: 1 } }, 1050);
		expect(mergeRecord(base, server, device, NOW)).toEqual({
			merged: { ...server, updatedAt: 1100 },
			losers: []
		});
	});

	it('keeps an edit against a concurrent delete, logging the delete', () => {
		const base = doc({ name: 'A' });
		const r = mergeRecord(base, doc({ name: 'B' }, 1100), doc({ name: 'A' }, 1200, true), NOW);
		expect(r.merged._deleted).toBe(false);
		expect(r.merged.name).toBe('B');
		expect(r.losers).toEqual([{ field: '_deleted', value: true, updatedAt: 1200, side: 'device' }]);
		const back = mergeRecord(base, doc({ name: 'A' }, 1300, true), doc({ name: 'D' }, 1200), NOW);
		expect(back.merged).toMatchObject({ _deleted: false, name: 'D' });
		expect(back.losers).toEqual([
			{ field: '_deleted', value: true, updatedAt: 1300, side: 'server' }
		]);
	});

	it('deletes when nobody edited concurrently', () => {
		const base = doc({ name: 'A' });
		expect(mergeRecord(base, base, doc({ name: 'A' }, 1100, true), NOW).merged._deleted).toBe(true);
	});

	it('clamps a device clock ahead of the server', () => {
		const base = doc({ name: 'A' });
		const r = mergeRecord(base, doc({ name: 'S' }, NOW - 10), doc({ name: 'D' }, NOW + 1e9), NOW);
		expect(r.merged.updatedAt).toBe(NOW);
		expect(r.merged.name).toBe('D');
		const first = mergeRecord(undefined, undefined, doc({ name: 'X' }, NOW + 5), NOW);
		expect(first.merged.updatedAt).toBe(NOW);
	});

	it('with no base treats every field as changed on both sides', () => {
		const r = mergeRecord(
			undefined,
			doc({ name: 'S', notes: 's' }, 1000),
			doc({ name: 'D' }, 900),
			NOW
		);
		expect(r.merged).toEqual(doc({ name: 'S', notes: 's' }, 1000));
		expect(r.losers).toEqual([{ field: 'name', value: 'D', updatedAt: 900, side: 'device' }]);
	});
});

describe('canonicalJson', () => {
	it('sorts keys at every depth with no whitespace', () => {
		expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } })).toBe(
			'{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}'
		);
	});
});

// ---- properties -------------------------------------------------------------------
const FIELDS = ['name', 'notes', 'stage', 'tags'] as const;
const value = fc.oneof(
	fc.constantFrom('a', 'b', 'c'),
	fc.constant(undefined),
	fc.array(fc.constantFrom(1, 2), { maxLength: 2 })
);
const edit = fc.record({
	fields: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 3 }),
	del: fc.boolean(),
	at: fc.integer({ min: 1, max: 1_000_000 })
});

function applyEdit(
	from: Doc,
	e: { fields: Record<string, unknown>; del: boolean; at: number }
): Doc {
	const next: Doc = {
		...from,
		...e.fields,
		updatedAt: Math.max(e.at, from.updatedAt + 1),
		_deleted: e.del
	};
	for (const [k, v] of Object.entries(e.fields)) if (v === undefined) delete next[k];
	return next;
}

describe('merge properties', () => {
	it('two devices from one base converge whatever order they push in', () => {
		fc.assert(
			fc.property(edit, edit, (e1, e2) => {
				const base = doc({ name: 'a' }, 0);
				const d1 = applyEdit(base, e1);
				const d2 = applyEdit(base, e2);
				const order12 = mergeRecord(base, mergeRecord(base, base, d1, NOW).merged, d2, NOW).merged;
				const order21 = mergeRecord(base, mergeRecord(base, base, d2, NOW).merged, d1, NOW).merged;
				expect(canonicalJson(order12)).toBe(canonicalJson(order21));
			})
		);
	});

	it('loses no value: every changed value is merged or reported as a loser', () => {
		fc.assert(
			fc.property(edit, edit, edit, fc.boolean(), (e0, es, ed, noBase) => {
				const base = applyEdit(doc({ name: 'a' }, 0), e0);
				const server = applyEdit(base, es);
				const device = applyEdit(base, ed);
				const { merged, losers } = mergeRecord(noBase ? undefined : base, server, device, NOW);
				const has = (f: string, v: unknown) =>
					jsonEqual(merged[f], v) || losers.some((l) => l.field === f && jsonEqual(l.value, v));
				for (const side of [server, device]) {
					for (const f of FIELDS) {
						if (noBase ? side[f] !== undefined : !jsonEqual(base[f], side[f]))
							expect(has(f, side[f])).toBe(true);
					}
					if (side._deleted && !base._deleted) expect(has('_deleted', true)).toBe(true);
				}
			})
		);
	});

	it('devices syncing in any order end in the same state as the server', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('edit', 'sync'), edit), {
					maxLength: 25
				}),
				(steps) => {
					let server: Doc | undefined;
					const devices = Array.from({ length: 4 }, () => ({
						state: doc({ name: 'a' }, 0),
						base: undefined as Doc | undefined
					}));
					const sync = (d: (typeof devices)[number]) => {
						server = mergeRecord(d.base, server, d.state, NOW).merged;
						d.state = server;
						d.base = server;
					};
					for (const [i, kind, e] of steps) {
						if (kind === 'edit') devices[i].state = applyEdit(devices[i].state, e);
						else sync(devices[i]);
					}
					for (const d of devices) sync(d);
					for (const d of devices) sync(d);
					for (const d of devices) expect(canonicalJson(d.state)).toBe(canonicalJson(server));
				}
			)
		);
	});
});
