/** A small seeded random source (mulberry32), so demo data is the same for the same seed. */
export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	/** Picks by weight: `[[value, weight], …]`. */
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	chance(p: number): boolean;
	/** Up to `n` distinct items. */
	some<T>(items: readonly T[], n: number): T[];
	/** A UUID v7 whose time part is `ms` and whose random bits come from this source. */
	uuidV7(ms: number): string;
}

export function createRandom(seed: number): Random {
	let state = seed >>> 0 || 0x9e3779b9;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
	return {
		next,
		int,
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted(items) {
			const total = items.reduce((s, [, w]) => s + w, 0);
			let r = next() * total;
			for (const [value, w] of items) {
				r -= w;
				if (r < 0) return value;
			}
			return items[items.length - 1][0];
		},
		chance: (p) => next() < p,
		some(items, n) {
			const pool = [...items];
			const out = [];
			for (let i = 0; i < n && pool.length; i++)
				out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
			return out;
		},
		uuidV7(ms) {
			const time = Math.floor(ms).toString(16).padStart(12, '0').slice(-12);
			const variant = (8 + int(0, 3)).toString(16);
			return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
		}
	};
}
