/**
 * What settings shows about storage on this device: bytes used of the quota, whether the
 * browser keeps the data persistently, and how many records each collection holds.
 */
import { COLLECTIONS, type CollectionName } from '$lib/domain';
import type { FieldbookDb } from '$lib/db/database';

export interface StorageInfo {
	/** Bytes, or undefined when the browser does not say. */
	usage?: number;
	quota?: number;
	persisted?: boolean;
}

/** Reads usage, quota and persistence; missing APIs leave fields undefined. */
export async function readStorageInfo(
	storage: StorageManager | undefined = globalThis.navigator?.storage
): Promise<StorageInfo> {
	if (!storage) return {};
	const [estimate, persisted] = await Promise.all([
		storage.estimate?.().catch(() => undefined),
		storage.persisted?.().catch(() => undefined)
	]);
	return { usage: estimate?.usage, quota: estimate?.quota, persisted };
}

/** Asks the browser to keep the data; true when it now is persistent. */
export async function requestPersistence(
	storage: StorageManager | undefined = globalThis.navigator?.storage
): Promise<boolean> {
	if (!storage?.persist) return false;
	return storage.persist().catch(() => false);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A byte count for people: 1 decimal below 10 of a unit, whole numbers above (1024-based). */
export function formatBytes(bytes: number): string {
	let v = Math.max(0, bytes);
	let u = 0;
	while (v >= 1024 && u < UNITS.length - 1) {
		v /= 1024;
		u++;
	}
	const digits = u === 0 || v >= 10 ? 0 : 1;
	return `${v.toFixed(digits)} ${UNITS[u]}`;
}

/** Share of the quota in use, 0–1 (0 when unknown). */
export function usageShare(info: StorageInfo): number {
	return info.usage !== undefined && info.quota ? Math.min(1, info.usage / info.quota) : 0;
}

/** Live records per collection. */
export async function countRecords(db: FieldbookDb): Promise<Record<CollectionName, number>> {
	const counts = await Promise.all(COLLECTIONS.map((c) => db[c].count().exec()));
	return Object.fromEntries(COLLECTIONS.map((c, i) => [c, counts[i]])) as Record<
		CollectionName,
		number
	>;
}
