/**
 * First-page JavaScript, gzipped: the scripts a signed-in device requests for `/` (Today)
 * and for `/customers` before the page's first paint mark, read from the page's resource
 * timings, sized from build/ with gzip -9; what loads after that paint (sync, pinyin) is
 * listed apart. Names what is biggest by the libraries each chunk contains. Sizes print in
 * KiB (1024 bytes) and KB (1000 bytes); the target is 200 KB = 200,000 bytes. Not a test.
 */
import { launchDevice, openApp } from '../tests/browser/harness';
import { startServer } from '../tests/browser/server';
import {
	FIRST_PAGE_BUDGET,
	PAINT_MARKS,
	scriptsOf,
	sizeScript
} from '../tests/browser/first-page-js';
import { figure } from './app-stats';

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
		const sized = files.map(sizeScript).sort((a, b) => b.gzip - a.gzip);
		const total = sized.reduce((s, f) => s + f.gzip, 0);
		const raw = sized.reduce((s, f) => s + f.raw, 0);
		figure(
			`first-page JS for ${path}${locale ? ` in ${locale}` : ''} before ${mark} (${files.length} files, ${(raw / 1024).toFixed(0)} KiB raw)`,
			`${(total / 1000).toFixed(1)} KB = ${(total / 1024).toFixed(1)} KiB gzipped (${total} bytes)`,
			'< 200 KB (200,000 bytes)',
			total < FIRST_PAGE_BUDGET
		);
		for (const f of sized.slice(0, 10)) {
			console.log(
				`     ${(f.gzip / 1000).toFixed(1).padStart(6)} KB ${(f.gzip / 1024).toFixed(1).padStart(6)} KiB  ${f.file}  ${f.libraries.join(', ') || 'app code'}`
			);
		}
		const languages = sized.flatMap((f) => f.libraries.filter((n) => n.endsWith(' messages')));
		console.log(`     messages before the paint: ${languages.join(', ') || 'none'}`);
		const later = after.map(sizeScript);
		const laterLibs = later
			.filter((f) => f.gzip > 2048)
			.map(
				(f) =>
					`${f.file} ${(f.gzip / 1024).toFixed(1)} KiB (${f.libraries.join(', ') || 'app code'})`
			);
		console.log(
			`     then, after the paint: ${later.length} files, ${(later.reduce((s, f) => s + f.gzip, 0) / 1024).toFixed(1)} KiB gzipped; larger: ${laterLibs.join('; ') || 'none'}`
		);
	}
} finally {
	await device.close();
	await server.stop();
}
