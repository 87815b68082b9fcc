import { describe, expect, it } from 'vitest';
import { COLLECTIONS, recordSchemas } from '$lib/domain/collections';
import { generateDemoData } from './generate';

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);

describe('generateDemoData', () => {
	const data = generateDemoData({ customers: 400, seed: 7, ownerIds: ['u1', 'u2'], now: NOW });

	it('makes records the domain schemas accept as they are (already normalised)', () => {
		for (const collection of COLLECTIONS) {
			expect(data[collection].length, collection).toBeGreaterThan(0);
			for (const record of data[collection]) {
				const parsed = recordSchemas[collection].safeParse(record);
				if (!parsed.success)
					throw new Error(`${collection} ${JSON.stringify(record)}: ${parsed.error.message}`);
				expect(parsed.data).toEqual(record);
			}
		}
	});

	it('is the same for the same seed and differs for another', () => {
		const again = generateDemoData({ customers: 400, seed: 7, ownerIds: ['u1', 'u2'], now: NOW });
		expect(again).toEqual(data);
		const other = generateDemoData({ customers: 400, seed: 8, ownerIds: ['u1', 'u2'], now: NOW });
		expect(other.customers.map((c) => c.name)).not.toEqual(data.customers.map((c) => c.name));
	});

	it('links children to existing customers and campaigns, with unique ids', () => {
		const customerIds = new Set(data.customers.map((c) => c.id));
		const campaignIds = new Set(data.campaigns.map((c) => c.id));
		for (const c of ['orders', 'services', 'visits', 'participations'] as const) {
			for (const r of data[c]) expect(customerIds.has(r.customerId)).toBe(true);
		}
		for (const p of data.participations) expect(campaignIds.has(p.campaignId)).toBe(true);
		const ids = COLLECTIONS.flatMap((c) => data[c].map((r) => r.id));
		expect(new Set(ids).size).toBe(ids.length);
		const pairs = data.participations.map((p) => p.campaignId + p.customerId);
		expect(new Set(pairs).size).toBe(pairs.length);
	});

	it('looks like a mainland field-sales book: Chinese and English names, mobiles, provinces, owners', () => {
		const names = data.customers.map((c) => c.name);
		expect(names.filter((n) => /^[\u4e00-\u9fff]{2,3}$/.test(n)).length).toBeGreaterThan(250);
		expect(names.filter((n) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(n)).length).toBeGreaterThan(20);
		for (const phone of data.customers.flatMap((c) => c.phones))
			expect(phone).toMatch(/^\+861[3-9]\d{9}$/);
		const provinces = new Set(
			data.customers.map((c) => /^(.{2,3}[省市])/.exec(c.address?.text ?? '')?.[1])
		);
		expect(provinces.size).toBeGreaterThan(8);
		expect(new Set(data.customers.map((c) => c.ownerId))).toEqual(new Set(['u1', 'u2']));
		expect(data.customers.every((c) => c.updatedAt <= NOW)).toBe(true);
	});

	it('honours counts, including none of a child collection', () => {
		const small = generateDemoData({
			customers: 50,
			seed: 1,
			now: NOW,
			perCustomer: { orders: 0, participations: 0 }
		});
		expect(small.customers).toHaveLength(50);
		expect(small.orders).toHaveLength(0);
		expect(small.participations).toHaveLength(0);
		expect(small.campaigns).toHaveLength(0);
		expect(small.customers.every((c) => c.ownerId === 'local')).toBe(true);
	});
});
