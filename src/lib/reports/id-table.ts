/**
 * Positions by string id, for linking hundreds of thousands of child records to their
 * customer. A `Map<string, number>` hashes every character of every id it is asked for
 * (a fresh string has no cached hash), then compares the key in its entry; this table
 * hashes only an id's last 8 characters (the random part of a UUID v4 or v7) into an
 * open-addressing `Int32Array` and confirms a candidate with `===`, so answers are exact
 * whatever the ids look like. Ids whose ends collide a lot (long probe runs) fall back
 * to a Map, so no input makes a lookup slow.
 */
export class IdTable {
	private readonly slots: Int32Array;
	/** Copies of the ids, side by side in memory (null where an id was not a string). */
	readonly ids: readonly string[];
	private readonly mask: number;
	private readonly map: Map<string, number> | undefined;

	/**
	 * The table of `ids[i]` → i for every i where `keep(i)`; when an id repeats, the last
	 * position wins (as `Map.set` in a loop would).
	 */
	constructor(given: readonly string[], keep: (i: number) => boolean = () => true) {
		let size = 16;
		while (size < given.length * 2) size *= 2;
		this.slots = new Int32Array(size).fill(-1);
		this.mask = size - 1;
		// Copies of the ids made one after another, so they lie side by side in memory: the
		// records' own id strings are spread among every other field of every record, and
		// confirming a match there costs a cache miss per lookup.
		const ids: string[] = JSON.parse(JSON.stringify(given));
		this.ids = ids;
		let probes = 0;
		for (let i = 0; i < ids.length; i++) {
			if (!keep(i)) continue;
			const id = ids[i];
			if (typeof id !== 'string') continue;
			let s = tailHash(id) & this.mask;
			for (;;) {
				const at = this.slots[s];
				if (at < 0 || ids[at] === id) break;
				s = (s + 1) & this.mask;
				probes++;
			}
			this.slots[s] = i;
			if (probes > 8 * ids.length + 64) break;
		}
		if (probes > 8 * ids.length + 64) {
			const map = new Map<string, number>();
			for (let i = 0; i < ids.length; i++) if (keep(i)) map.set(ids[i], i);
			this.map = map;
		}
	}

	/** The position of `id`, or −1 when it is not in the table. */
	get(id: string): number {
		if (this.map) return this.map.get(id) ?? -1;
		if (typeof id !== 'string') return -1;
		const { slots, mask } = this;
		const ids = this.ids;
		let s = tailHash(id) & mask;
		for (;;) {
			const at = slots[s];
			if (at < 0) return -1;
			if (ids[at] === id) return at;
			s = (s + 1) & mask;
		}
	}
}

/** A 32-bit hash of a string's length and last 8 UTF-16 units (FNV-1a, then mixed). */
export function tailHash(id: string): number {
	const n = id.length;
	let h = n ^ 0x811c9dc5;
	for (let k = n > 8 ? n - 8 : 0; k < n; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	h ^= h >>> 12;
	return h;
}
