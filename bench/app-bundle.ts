/**
 * First-page JavaScript, gzipped: the scripts a signed-in device loads for `/` (Today) and
 * for `/customers`, read from the page's resource timings, sized from build/ with gzip -9.
 * Names what is biggest by the libraries each chunk contains. Not a test.
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
	['pinyin-pro', /pinyin/i],
	['virtua', /virtua|overscan/],
	['zod', /ZodError|\$ZodType/],
	['chart.js', /Chart\.js|chartjs|registerables/],
	['Svelte runtime', /svelte|\$\$props|hydrat/],
	['workbox-window', /workbox|messageSkipWaiting/]
];

function gz(file: string): { raw: number; gzip: number; text: string } {
	const buf = readFileSync(join(ROOT, 'build', file));
	return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, text: buf.toString('utf8') };
}

async function scriptsOf(page: import('playwright-core').Page): Promise<string[]> {
	return page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => new URL(e.name).pathname)
			.filter((p) => p.endsWith('.js') && p.startsWith('/_app/'))
	);
}

const server = await startServer();
const device = await launchDevice(server.baseURL);
try {
	const page = device.pages()[0] ?? (await device.newPage());
	for (const path of ['/', '/customers']) {
		await openApp(page, path);
		await page.reload();
		await openApp(page, path);
		await page.waitForTimeout(2000); // lazy chunks; the sync stream keeps the network busy for ever
		const files = [...new Set(await scriptsOf(page))];
		const sized = files
			.map((f) => ({ file: f, ...gz(f.slice(1)) }))
			.sort((a, b) => b.gzip - a.gzip);
		const total = sized.reduce((s, f) => s + f.gzip, 0);
		const raw = sized.reduce((s, f) => s + f.raw, 0);
		figure(
			`first-page JS for ${path} (${files.length} files, ${(raw / 1024).toFixed(0)} KiB raw)`,
			`${(total / 1024).toFixed(1)} KiB gzipped`,
			'< 200 KB',
			total < 200 * 1000
		);
		for (const f of sized.slice(0, 8)) {
			const libs = MARKERS.filter(([, re]) => re.test(f.text)).map(([name]) => name);
			console.log(
				`     ${(f.gzip / 1024).toFixed(1).padStart(6)} KiB  ${f.file}  ${libs.join(', ') || 'app code'}`
			);
		}
	}
} finally {
	await device.close();
	await server.stop();
}
