/**
 * Writes demo data into the device's database through `bulkInsert`, in batches, reporting
 * progress ("12,000 of 20,000"). Used by the settings page's "Load demo data" and the benchmarks,
 * which read the User Timing measures `fieldbook:demo-generate` and `fieldbook:demo-insert:<collection>`.
 */
import { COLLECTIONS, type CollectionName } from '$lib/domain/collections';
import type { FieldbookDb } from '$lib/db/database';
import { bulkInsert } from '$lib/db/records';
import { generateDemoData, type DemoOptions } from './generate';

export interface DemoProgress {
	collection: CollectionName;
	/** Records written so far, over all collections. */
	done: number;
	total: number;
}

export const DEMO_BATCH = 2000;

/** Generates and inserts demo data; resolves with how many records each collection got. */
export async function loadDemoData(
	db: FieldbookDb,
	counts: DemoOptions,
	onProgress: (p: DemoProgress) => void = () => {}
): Promise<Record<CollectionName, number>> {
	const started = performance.now();
	const data = generateDemoData(counts);
	performance.measure('fieldbook:demo-generate', { start: started, end: performance.now() });
	const total = COLLECTIONS.reduce((n, c) => n + data[c].length, 0);
	const written = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<
		CollectionName,
		number
	>;
	let done = 0;
	for (const collection of COLLECTIONS) {
		const records = data[collection];
		const insertStarted = performance.now();
		for (let start = 0; start < records.length; start += DEMO_BATCH) {
			const n = await bulkInsert(
				db,
				collection,
				records.slice(start, start + DEMO_BATCH) as never[]
			);
			written[collection] += n;
			done += n;
			onProgress({ collection, done, total });
		}
		performance.measure(`fieldbook:demo-insert:${collection}`, {
			start: insertStarted,
			end: performance.now()
		});
	}
	return written;
}
