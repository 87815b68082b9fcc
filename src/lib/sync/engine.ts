/**
 * Runs replication for the signed-in user: starts it on their database (works offline,
 * one tab leads), resumes on 'online', ends the session on a 401, and stops it before
 * another user's database opens.
 */
import { auth } from '$lib/auth/auth.svelte';
import type { FieldbookDb } from '$lib/db/database';
import { startReplication, type ReplicationHandle } from './replication';
import { sharedStreamFetch } from './stream-mux';
import { syncStatus } from './status.svelte';

let running: { handle: ReplicationHandle; userId: string; stopListening: () => void } | undefined;

export function syncingFor(): string | undefined {
	return running?.userId;
}

/** Starts replicating `db` for `userId` (no-op when already doing so). */
export function startSync(db: FieldbookDb, userId: string): void {
	if (running?.userId === userId) return;
	if (running) throw new Error('stopSync() before starting sync for another user');
	const handle = startReplication({
		db,
		baseUrl: '',
		fetch: sharedStreamFetch((...args) => fetch(...args)),
		getToken: () => auth.token,
		onUnauthorized: () => auth.expire(),
		onConflictAnswered: (collection, docs) => syncStatus.noteConflicts(collection, docs)
	});
	const onOnline = () => handle.reSync();
	window.addEventListener('online', onOnline);
	running = { handle, userId, stopListening: () => window.removeEventListener('online', onOnline) };
	syncStatus.attach(userId, db, handle);
}

/** Stops replication; unsynced changes stay in the user's database for next time. */
export async function stopSync(): Promise<void> {
	const was = running;
	running = undefined;
	if (!was) return;
	was.stopListening();
	syncStatus.detach();
	await was.handle.cancel().catch(() => {});
}
