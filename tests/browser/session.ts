/**
 * Signing in for browser tests, through the app's own pages. `openApp` calls
 * `ensureSignedIn` after every navigation: a fresh server gets its first admin on /setup,
 * a new device (browser context) signs in on /login, then the asked-for page opens.
 */
import type { Page } from 'playwright-core';

export interface Credentials {
	username: string;
	password: string;
}

/** The admin every browser test server gets (created on /setup by the first device). */
export const TEST_ADMIN: Credentials = { username: 'admin', password: 'fieldbook-test-password' };

const APP_TIMEOUT = 30_000;

/** Waits until the app shows its signed-in frame, /login or /setup; says which. */
export async function whereAmI(page: Page): Promise<'app' | 'login' | 'setup'> {
	const handle = await page.waitForFunction(
		() => {
			if (document.querySelector('header.top')) return 'app';
			const path = location.pathname;
			const form = document.querySelector('form');
			if (form && (path === '/login' || path === '/setup')) return path.slice(1);
			return false;
		},
		undefined,
		{ timeout: APP_TIMEOUT }
	);
	return (await handle.jsonValue()) as 'app' | 'login' | 'setup';
}

/** Creates the first admin on /setup and waits until the app opened at `/`. */
export async function setupAdmin(page: Page, who: Credentials = TEST_ADMIN): Promise<void> {
	if (new URL(page.url()).pathname !== '/setup') await page.goto('/setup');
	await page.getByLabel('Username', { exact: true }).fill(who.username);
	await page.getByLabel('Password', { exact: true }).fill(who.password);
	await page.getByLabel('Confirm password', { exact: true }).fill(who.password);
	await page.getByRole('button', { name: 'Create administrator' }).click();
	await page.locator('header.top').waitFor({ state: 'visible', timeout: APP_TIMEOUT });
}

/** Signs in on /login and waits until the app opened at `/`. */
export async function signIn(page: Page, who: Credentials = TEST_ADMIN): Promise<void> {
	if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
	await page.getByLabel('Username', { exact: true }).fill(who.username);
	await page.getByLabel('Password', { exact: true }).fill(who.password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await page.waitForURL((url) => url.pathname === '/', { timeout: APP_TIMEOUT });
	await page.locator('header.top').waitFor({ state: 'visible', timeout: APP_TIMEOUT });
}

/** Signs in as the test admin when the app asks for it (setting the server up first if new), then opens `path`. */
export async function ensureSignedIn(page: Page, path: string): Promise<void> {
	const at = await whereAmI(page);
	if (at === 'app') return;
	const { needed } = (await (await page.request.get('/api/setup')).json()) as { needed: boolean };
	if (needed) await setupAdmin(page);
	else await signIn(page);
	if (new URL(page.url()).pathname !== new URL(path, page.url()).pathname) await page.goto(path);
	await whereAmI(page);
}
