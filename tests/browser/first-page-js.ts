/**
 * What a page's first paint costs in JavaScript: the app's scripts requested before the
 * page's paint mark (from its resource timings), sized from build/ with gzip -9, and the
 * libraries recognisable in each. Shared by the first-page test and bench/app-bundle.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ROOT } from './server';

/** The budget the issue sets for the first page's JS, gzipped (200 KB = 200,000 bytes). */
export const FIRST_PAGE_BUDGET = 200_000;

/** Libraries recognisable in a minified chunk, by strings they keep. */
export const MARKERS: [string, RegExp][] = [
	['RxDB', /RxDB|rxdb/],
	['Dexie', /Dexie|dexie/],
	['rxjs', /ObjectUnsubscribedError|SafeSubscriber/],
	[
		'svelte-i18n / intl-messageformat',
		/intl-messageformat|IntlMessageFormat|getLocaleFromNavigator/
	],
	['pinyin-pro', /toneType/],
	['English messages', /appName:.Fieldbook.[,}]/],
	['Chinese messages', /appName:.Fieldbook 外勤客户簿/],
	['virtua', /virtua|overscan/],
	['zod', /ZodError|\$ZodType/],
	['full zod (not zod/mini)', /toJSONSchema/],
	['chart.js', /Chart\.js|chartjs|registerables/],
	['Svelte runtime', /svelte|\$\$props|hydrat/],
	['workbox-window', /workbox|messageSkipWaiting/]
];

export interface SizedScript {
	file: string;
	raw: number;
	gzip: number;
	libraries: string[];
}

/** One built script (`/_app/...`), its raw and gzip -9 sizes and the libraries in it. */
export function sizeScript(path: string): SizedScript {
	const buf = readFileSync(join(ROOT, 'build', path.replace(/^\//, '')));
	const text = buf.toString('utf8');
	return {
		file: path,
		raw: buf.length,
		gzip: gzipSync(buf, { level: 9 }).length,
		libraries: MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name)
	};
}

/** The mark each page sets when its first content is in the DOM. */
export const PAINT_MARKS: Record<string, string> = {
	'/': 'fieldbook:today-painted',
	'/customers': 'fieldbook:list-painted'
};

/** The app's scripts requested before and after the page's paint mark. */
export async function scriptsOf(
	page: Page,
	mark: string
): Promise<{ before: string[]; after: string[] }> {
	return page.evaluate((name) => {
		const paint = performance.getEntriesByName(name, 'mark')[0]?.startTime ?? Infinity;
		const scripts = performance
			.getEntriesByType('resource')
			.map((e) => ({ path: new URL(e.name).pathname, at: e.startTime }))
			.filter((e) => e.path.endsWith('.js') && e.path.startsWith('/_app/'));
		// (no named helper here: tsx would wrap it in a `__name` the page does not have)
		return {
			before: [...new Set(scripts.filter((e) => e.at <= paint).map((e) => e.path))],
			after: [...new Set(scripts.filter((e) => e.at > paint).map((e) => e.path))]
		};
	}, mark);
}
