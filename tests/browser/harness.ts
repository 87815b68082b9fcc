/**
 * Browser test harness: the real server plus the system Chromium driven by playwright-core.
 * Every test reaches the app through `openApp(page, path)`, the one place that signs in
 * once the app asks for it. The app must be built first (`npm test` builds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	chromium,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from 'playwright-core';
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
	baseURL: string;
	/**
	 * A new browser profile (a new "device") pointed at the server. Each is a persistent
	 * profile in a temp directory: Chromium reports incognito contexts as not installable.
	 */
	newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
	/** The first page of a new device; `page.context()` is its context (offline, close). */
	newPage(options?: BrowserContextOptions): Promise<Page>;
	close(): Promise<void>;
}

/** Removes a closed profile; Chromium may still be writing for a moment, so it retries. */
function removeProfile(dir: string, attempts: number): void {
	try {
		rmSync(dir, { recursive: true, force: true });
	} catch {
		if (attempts > 1) setTimeout(() => removeProfile(dir, attempts - 1), 1000).unref();
	}
}

/**
 * Launches the system Chromium with a fresh profile that closing the context removes, or
 * with `profileDir` kept (to start the same device again, e.g. a cold start).
 */
export async function launchDevice(
	baseURL: string,
	options: BrowserContextOptions = {},
	profileDir?: string
): Promise<BrowserContext> {
	const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'fieldbook-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
		...PHONE,
		baseURL,
		...options
	});
	if (!profileDir) context.once('close', () => removeProfile(profile, 5));
	return context;
}

export async function startHarness(opts: ServerOptions = {}): Promise<Harness> {
	const server = await startServer(opts);
	const contexts = new Set<BrowserContext>();
	const newContext = async (options: BrowserContextOptions = {}) => {
		const context = await launchDevice(server.baseURL, options);
		contexts.add(context);
		context.once('close', () => contexts.delete(context));
		return context;
	};
	return {
		server,
		baseURL: server.baseURL,
		newContext,
		async newPage(options = {}) {
			const context = await newContext(options);
			return context.pages()[0] ?? (await context.newPage());
		},
		async close() {
			for (const c of [...contexts]) await c.close().catch(() => {});
			await server.stop();
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
