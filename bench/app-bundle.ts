/**
 * First-page JavaScript, gzipped: the scripts a signed-in device requests for `/` (Today)
 * and for `/customers` before the page's first paint mark, read from the page's resource
 * timings, sized from build/ with gzip -9; what loads after that paint (sync, pinyin) is
 * listed apart. Names what is biggest by the libraries each chunk contains. Sizes print in
 * KiB (1024 bytes) and KB (1000 bytes); the target is 200 KB = 200,000 bytes. Not a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchDevice, openApp } from '../tests/browser/harness';
import { ROOT, startServer } from '../tests/browser/server';
import { figure } from './app-stats';

/** Libraries recognisable in a minified chunk, by strings they keep. */
const MARKERS: [string, RegExp][] = [
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

function gz(file: string): { raw: number; gzip: number; text: string } {
	const buf = readFileSync(join(ROOT, 'build', file));
	return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, text: buf.toString('utf8') };
}

/** The mark each page sets when its first rows are in the DOM. */
const PAINT_MARKS: Record<string, string> = {
	'/': 'fieldbook:today-painted',
	'/customers': 'fieldbook:list-painted'
};

/** The app's scripts requested before and after the first paint mark. */
async function scriptsOf(
	page: import('playwright-core').Page,
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

const server = await startServer();
const device = await launchDevice(server.baseURL);
try {
	const page = device.pages()[0] ?? (await device.newPage());
	// A few customers, so both pages paint rows (the paint marks need them).
	await openApp(page, '/settings');
	await page.locator('#demo-size').selectOption('200');
	await page.getByRole('button', { name: 'Load demo data' }).click();
	await page.getByText('Demo data loaded').waitFor({ timeout: 5 * 60_000 });
	// The two first pages in English (the device's language), then Today in Chinese (the
	// language saved in Settings): only the shown language's messages may load.
	const runs: { path: string; locale?: string }[] = [
		{ path: '/' },
		{ path: '/customers' },
		{ path: '/', locale: 'zh-CN' }
	];
	for (const { path, locale } of runs) {
		await openApp(page, path);
		if (locale) await page.evaluate((l) => localStorage.setItem('fieldbook.locale', l), locale);
		await page.reload();
		await openApp(page, path);
		const mark = PAINT_MARKS[path];
		await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark);
		await page.waitForTimeout(2000); // lazy chunks; the sync stream keeps the network busy for ever
		const { before: files, after } = await scriptsOf(page, mark);
		const sized = files
			.map((f) => ({ file: f, ...gz(f.slice(1)) }))
			.sort((a, b) => b.gzip - a.gzip);
		const total = sized.reduce((s, f) => s + f.gzip, 0);
		const raw = sized.reduce((s, f) => s + f.raw, 0);
		figure(
			`first-page JS for ${path}${locale ? ` in ${locale}` : ''} before ${mark} (${files.length} files, ${(raw / 1024).toFixed(0)} KiB raw)`,
			`${(total / 1000).toFixed(1)} KB = ${(total / 1024).toFixed(1)} KiB gzipped (${total} bytes)`,
			'< 200 KB (200,000 bytes)',
			total < 200 * 1000
		);
		for (const f of sized.slice(0, 10)) {
			const libs = MARKERS.filter(([, re]) => re.test(f.text)).map(([name]) => name);
			console.log(
				`     ${(f.gzip / 1000).toFixed(1).padStart(6)} KB ${(f.gzip / 1024).toFixed(1).padStart(6)} KiB  ${f.file}  ${libs.join(', ') || 'app code'}`
			);
		}
		const languages = sized.flatMap((f) =>
			MARKERS.filter(([n, re]) => n.endsWith(' messages') && re.test(f.text)).map(([n]) => n)
		);
		console.log(`     messages before the paint: ${languages.join(', ') || 'none'}`);
		const later = after.map((f) => ({ file: f, ...gz(f.slice(1)) }));
		const laterLibs = later
			.filter((f) => f.gzip > 2048)
			.map(
				(f) =>
					`${f.file} ${(f.gzip / 1024).toFixed(1)} KiB (${
						MARKERS.filter(([, re]) => re.test(f.text))
							.map(([n]) => n)
							.join(', ') || 'app code'
					})`
			);
		console.log(
			`     then, after the paint: ${later.length} files, ${(later.reduce((s, f) => s + f.gzip, 0) / 1024).toFixed(1)} KiB gzipped; larger: ${laterLibs.join('; ') || 'none'}`
		);
	}
} finally {
	await device.close();
	await server.stop();
}
