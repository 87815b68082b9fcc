import { describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/db/database';
import { createRecord } from '$lib/db/records';
import {
	countRecords,
	formatBytes,
	readStorageInfo,
	requestPersistence,
	usageShare
} from './storage';

describe('storage in settings', () => {
	it('formats byte counts', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
		expect(formatBytes(3.2 * 1024 ** 3)).toBe('3.2 GB');
	});

	it('reads estimate and persistence, and survives a browser without them', async () => {
		const fake = {
			estimate: async () => ({ usage: 50, quota: 200 }),
			persisted: async () => false,
			persist: async () => true
		} as unknown as StorageManager;
		const info = await readStorageInfo(fake);
		expect(info).toEqual({ usage: 50, quota: 200, persisted: false });
		expect(usageShare(info)).toBe(0.25);
		expect(await requestPersistence(fake)).toBe(true);
		expect(await readStorageInfo({} as StorageManager)).toEqual({
			usage: undefined,
			quota: undefined,
			persisted: undefined
		});
		expect(await requestPersistence(undefined)).toBe(false);
		expect(usageShare({})).toBe(0);
	});

	it('counts live records per collection', async () => {
		const db = await openDatabase({
			userId: `settings-${Date.now()}`,
			storage: 'memory',
			devMode: true,
			multiInstance: false
		});
		const c = await createRecord(db, 'customers', { name: 'A', ownerId: 'local' });
		await createRecord(db, 'visits', { customerId: c.id, plannedAt: Date.now() });
		const counts = await countRecords(db);
		expect(counts).toEqual({
			customers: 1,
			orders: 0,
			services: 0,
			visits: 1,
			campaigns: 0,
			participations: 0
		});
		await db.remove();
	});
});
