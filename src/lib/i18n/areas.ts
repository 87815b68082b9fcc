/**
 * Gathers one locale's message files (`locales/<locale>/<area>.json`) into one dictionary,
 * each file an area namespace (`customers.json` → `customers.*`). Kept apart from
 * svelte-i18n so the per-locale modules (and the tests) import nothing else.
 */
export type Messages = { [key: string]: string | Messages };

/** `{ './en/customers.json': {...} }` → `{ customers: {...} }`. */
export function byArea(files: Record<string, Messages>): Messages {
	const out: Messages = {};
	for (const [path, messages] of Object.entries(files)) {
		const area = /\/([^/]+)\.json$/.exec(path)?.[1];
		if (area) out[area] = messages;
	}
	return out;
}
