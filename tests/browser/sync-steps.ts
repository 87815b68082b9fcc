/** Steps the sync browser tests share: the customer a page shows, the server's copy, the badge. */
import type { APIRequestContext, Page } from 'playwright-core';
import { TEST_ADMIN } from './session';

/** The id of the customer whose page (or sub-page) `page` shows. */
export function customerIdOf(page: Page): string {
	const id = /\/customers\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname)?.[1];
	if (!id) throw new Error(`Expected a customer page, got ${page.url()}`);
	return id;
}

/** A session of the test admin on the server (its token and user). */
export async function adminSession(
	request: APIRequestContext
): Promise<{ token: string; user: { id: string } }> {
	const res = await request.post('/api/auth/login', { data: TEST_ADMIN });
	return (await res.json()) as { token: string; user: { id: string } };
}

/** Every customer the server holds for the test admin (`token`, or a new session), tombstones included. */
export async function serverCustomers(
	request: APIRequestContext,
	token?: string
): Promise<Record<string, unknown>[]> {
	token ??= (await adminSession(request)).token;
	const res = await request.get('/api/sync/customers/pull?limit=1000', {
		headers: { authorization: `Bearer ${token}` }
	});
	return ((await res.json()) as { documents: Record<string, unknown>[] }).documents;
}

/** What the header's sync badge says ("Synced", "1 waiting"…). */
export async function syncBadgeText(page: Page): Promise<string> {
	return (await page.getByTestId('sync-status').textContent()) ?? '';
}
