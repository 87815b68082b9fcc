/** The feed hub stops reading, quietly, once its database is closed (a server or test shutting down). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, databaseKinds } from '../testing';
import { FeedHub, MIN_READ_INTERVAL_MS, type Subscriber } from './hub';
import type { FeedEvent } from './fanout';

afterEach(() => vi.restoreAllMocks());

describe.each(databaseKinds())('feed hub on %s', (kind) => {
	it('neither reads nor reports an error after the database closes', async () => {
		const testDb = await createTestDatabase(kind);
		const hub = new FeedHub(testDb.database);
		const sent: FeedEvent[] = [];
		const sub: Subscriber = {
			collection: 'customers',
			viewer: { id: 'u1', all: true, owners: new Set() },
			send: (event) => sent.push(event)
		};
		await hub.subscribe(sub);
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

		hub.poke(); // reads at once: an empty feed
		hub.poke(); // queued behind the read interval
		await testDb.drop();
		await new Promise((r) => setTimeout(r, MIN_READ_INTERVAL_MS * 3));

		expect(errors).not.toHaveBeenCalled();
		expect(sent).toEqual([]); // no RESYNC broadcast for a shutdown
		expect(testDb.database.closed).toBe(true);
	});
});
