/**
 * Browser test harness: the real server plus the system Chromium driven by playwright-core.
 * Every test reaches the app through `openApp(page, path)`, the one place that signs in
 * once the app asks for it. The app must be built first (`npm test` builds).
 */
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from './server';
import { ensureSignedIn } from './session';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** A phone-sized English context, as the DESIGN labels are written in English. */
export const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	locale: 'en-US',
	serviceWorkers: 'allow'
};

export interface Harness {
	server: RunningServer;
	browser: Browser;
	baseURL: string;
	/** A new browser profile (a new "device") pointed at the server. */
	newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
	close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS
	});
}

export async function startHarness(opts: ServerOptions = {}): Promise<Harness> {
	const server = await startServer(opts);
	let browser: Browser;
	try {
		browser = await launchChromium();
	} catch (err) {
		await server.stop();
		throw err;
	}
	const contexts: BrowserContext[] = [];
	return {
		server,
		browser,
		baseURL: server.baseURL,
		async newContext(options = {}) {
			const context = await browser.newContext({ ...PHONE, baseURL: server.baseURL, ...options });
			contexts.push(context);
			return context;
		},
		async close() {
			for (const c of contexts) await c.close().catch(() => {});
			await browser.close().catch(() => {});
			await server.stop();
		}
	};
}

/**
 * Starts a harness before the file's tests and closes it after; call at the top of a test
 * file and read `.current` inside tests.
 */
export function useHarness(opts: ServerOptions = {}): { readonly current: Harness } {
	let harness: Harness | undefined;
	beforeAll(async () => {
		harness = await startHarness(opts);
	});
	afterAll(async () => {
		await harness?.close();
	});
	return {
		get current() {
			if (!harness) throw new Error('The harness is not started (use it inside a test).');
			return harness;
		}
	};
}

/**
 * Opens a page of the app (path relative to the server) and waits until the app shell is
 * up: signed in if the app asks for it, the local database open.
 */
export async function openApp(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await ensureSignedIn(page, path);
	await waitForAppShell(page);
}

/** Waits until the layout rendered its header and the page (not "Loading…"). */
export async function waitForAppShell(page: Page): Promise<void> {
	await page.locator('header.top').waitFor({ state: 'visible', timeout: 30_000 });
	await page.waitForFunction(
		() => !document.querySelector('main > p.empty:only-child'),
		undefined,
		{
			timeout: 30_000
		}
	);
}

/** Waits until a service worker is active and controls the page (the first load claims it). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (navigator.serviceWorker.controller) return;
		await new Promise<void>((resolve) =>
			navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true })
		);
	});
}
