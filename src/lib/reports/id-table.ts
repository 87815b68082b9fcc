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

	/**
	 * `get(text.slice(start, end))` without making that string: ids joined in one long
	 * string (a snapshot's column) are looked up in place, and each candidate is confirmed
	 * by the engine's own comparison (`startsWith`) rather than against a substring, which
	 * compares several times slower.
	 */
	getIn(text: string, start: number, end: number): number {
		if (this.map) return this.map.get(text.slice(start, end)) ?? -1;
		const { slots, mask } = this;
		const ids = this.ids;
		const length = end - start;
		let s = tailHashIn(text, start, end) & mask;
		for (;;) {
			const at = slots[s];
			if (at < 0) return -1;
			const id = ids[at];
			if (id.length === length && text.startsWith(id, start)) return at;
			s = (s + 1) & mask;
		}
	}
}

/** A 32-bit hash of a string's length and last 8 UTF-16 units (FNV-1a, then mixed). */
export function tailHash(id: string): number {
	return tailHashIn(id, 0, id.length);
}

/** `tailHash(text.slice(start, end))`, without making that string. */
export function tailHashIn(text: string, start: number, end: number): number {
	const n = end - start;
	let h = n ^ 0x811c9dc5;
	for (let k = n > 8 ? end - 8 : start; k < end; k++)
		h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	h ^= h >>> 12;
	return h;
}

/**
 * The first value stored under each string, in an open-addressing table of typed arrays:
 * a string hashed by its characters in a plain loop and confirmed with `===`. A Map keyed
 * by strings read from records costs several times more (each new string is hashed and
 * stored into), which shows when 40,000 phone numbers are looked up once each.
 */
export class StringTable {
	private slots: Int32Array;
	private hashes: Int32Array;
	private keys: string[] = [];
	private values: number[] = [];

	/** `expected`: how many keys to make room for at once (the table grows past it). */
	constructor(expected = 32) {
		let size = 64;
		while (size < 2 * expected) size *= 2;
		this.slots = new Int32Array(size).fill(-1);
		this.hashes = new Int32Array(size);
	}

	/** The value stored under `key`, or −1. */
	get(key: string): number {
		const h = fullHash(key);
		const { slots, hashes } = this;
		const mask = slots.length - 1;
		for (let s = h & mask; ; s = (s + 1) & mask) {
			const at = slots[s];
			if (at < 0) return -1;
			if (hashes[s] === h && this.keys[at] === key) return this.values[at];
		}
	}

	/** Stores `value` under a key not in the table yet. */
	add(key: string, value: number): void {
		if (2 * (this.keys.length + 1) > this.slots.length) this.grow();
		const h = fullHash(key);
		const mask = this.slots.length - 1;
		let s = h & mask;
		while (this.slots[s] >= 0) s = (s + 1) & mask;
		this.slots[s] = this.keys.length;
		this.hashes[s] = h;
		this.keys.push(key);
		this.values.push(value);
	}

	private grow(): void {
		const size = this.slots.length * 2;
		const slots = new Int32Array(size).fill(-1);
		const hashes = new Int32Array(size);
		const mask = size - 1;
		for (let s = 0; s < this.slots.length; s++) {
			const at = this.slots[s];
			if (at < 0) continue;
			let t = this.hashes[s] & mask;
			while (slots[t] >= 0) t = (t + 1) & mask;
			slots[t] = at;
			hashes[t] = this.hashes[s];
		}
		this.slots = slots;
		this.hashes = hashes;
	}
}

/** A 32-bit hash of every UTF-16 unit of a string (FNV-1a, then mixed). */
function fullHash(key: string): number {
	let h = key.length ^ 0x811c9dc5;
	for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	return h ^ (h >>> 12);
}
