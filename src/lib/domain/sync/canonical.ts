/**
 * Canonical JSON (object keys sorted by UTF-16 code units at every depth, no whitespace)
 * and the deep equality it implies: the merge's tie-break and "same value" test.
 */

/** `JSON.stringify` with object keys sorted at every depth; `undefined` for an absent value. */
export function canonicalJson(value: unknown): string | undefined {
	if (value === undefined) return undefined;
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const v = (value as Record<string, unknown>)[key];
			if (v !== undefined) out[key] = sortKeys(v);
		}
		return out;
	}
	return value;
}

/** Deep equality of JSON values, key order ignored; `undefined` equals only `undefined`. */
export function jsonEqual(a: unknown, b: unknown): boolean {
	return canonicalJson(a) === canonicalJson(b);
}

/** Orders values as the merge tie-break does: absent lowest, then canonical JSON by code units. */
export function compareCanonical(a: unknown, b: unknown): number {
	const ca = canonicalJson(a);
	const cb = canonicalJson(b);
	if (ca === cb) return 0;
	if (ca === undefined) return -1;
	if (cb === undefined) return 1;
	return ca < cb ? -1 : 1;
}
