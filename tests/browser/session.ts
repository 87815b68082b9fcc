/**
 * Signing in for browser tests. `openApp` calls `ensureSignedIn` after every navigation;
 * until the app has a sign-in gate it has nothing to do. The app-sync work adds
 * `setupAdmin` / `signIn` here and makes `ensureSignedIn` use them when the app shows
 * /setup or /login.
 */
import type { Page } from 'playwright-core';

export async function ensureSignedIn(_page: Page, _path: string): Promise<void> {}
