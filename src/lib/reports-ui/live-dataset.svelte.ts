/**
 * The records on the device as a live `Dataset` rune: subscribes to the collections of
 * the open database and publishes a new snapshot (debounced) whenever one changes, an
 * edit on this device or a sync arriving. Create it during component initialisation.
 */
import { COLLECTIONS, type CollectionName } from '$lib/domain/collections';
import type { FieldbookDb } from '$lib/db/database';
import { all$ } from '$lib/db/queries';
import { emptyDataset, type Dataset } from '$lib/reports';
import { SnapshotBuilder } from './snapshot';

export class LiveDataset {
	#data = $state.raw<Dataset>(emptyDataset());
	#ready = $state(false);
	#at = $state(0);

	constructor(
		db: () => FieldbookDb | undefined,
		collections: readonly CollectionName[] = COLLECTIONS,
		delayMs = 200
	) {
		$effect(() => {
			const open = db();
			if (!open) return;
			const builder = new SnapshotBuilder(
				collections,
				(data) => {
					this.#data = data;
					this.#at = Date.now();
					this.#ready = true;
				},
				delayMs
			);
			const subs = collections.map((c) =>
				all$(open, c).subscribe((records) => builder.update(c, records))
			);
			return () => {
				subs.forEach((s) => s.unsubscribe());
				builder.dispose();
			};
		});
	}

	/** The latest snapshot; a new object after every change. */
	get data(): Dataset {
		return this.#data;
	}

	/** False until every collection answered once. */
	get ready(): boolean {
		return this.#ready;
	}

	/** When the snapshot was taken (epoch ms): the "now" reports use. */
	get at(): number {
		return this.#at;
	}
}
