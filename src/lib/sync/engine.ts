/**
 * Runs replication for the signed-in user: starts it on their database (works offline,
 * one tab leads), resumes on 'online', ends the session on a 401, and stops it before
 * another user's database opens. The replication code loads after the page's first content.
 */
import { auth } from '$lib/auth/auth.svelte';
import type { FieldbookDb } from '$lib/db/database';
import type { ReplicationHandle } from './replication';
import { afterFirstContent, markOnce } from '$lib/perf/marks';
import { syncStatus } from './status.svelte';

interface Running {
	userId: string;
	/** Undefined until the replication code has loaded and started. */
	handle?: ReplicationHandle;
	/** Settles once `handle` is set, or the start failed or was stopped first. */
	loaded: Promise<void>;
	stopped: boolean;
	stopListening: () => void;
}

let running: Running | undefined;

export function syncingFor(): string | undefined {
	return running?.userId;
}

async function load(db: FieldbookDb, run: Running): Promise<void> {
	await afterFirstContent();
	const [{ startReplication }, { sharedStreamFetch }] = await Promise.all([
		import('./replication'),
		import('./stream-mux')
	]);
	if (run.stopped) return;
	markOnce('fieldbook:sync:loaded');
	const handle = startReplication({
		db,
		baseUrl: '',
		fetch: sharedStreamFetch((...args) => fetch(...args)),
		getToken: () => auth.token,
		onUnauthorized: () => auth.expire(),
		onConflictAnswered: (collection, docs) => syncStatus.noteConflicts(collection, docs)
	});
	run.handle = handle;
	const onOnline = () => handle.reSync();
	window.addEventListener('online', onOnline);
	run.stopListening = () => window.removeEventListener('online', onOnline);
	syncStatus.attach(run.userId, db, handle);
}

/** Starts replicating `db` for `userId` (no-op when already doing so). */
export function startSync(db: FieldbookDb, userId: string): void {
	if (running?.userId === userId) return;
	if (running) throw new Error('stopSync() before starting sync for another user');
	const run: Running = {
		userId,
		stopped: false,
		stopListening: () => {},
		loaded: Promise.resolve()
	};
	running = run;
	run.loaded = load(db, run).catch((e) => console.error('Could not start sync', e));
}

/**
 * Runs `work` (a bulk load of many records) with replication paused, then lets it push what
 * was written and pull again: syncing each batch while it is written would compete with the
 * load for IndexedDB. Without replication for a signed-in user `work` simply runs.
 */
export async function withSyncPaused<T>(work: () => Promise<T>): Promise<T> {
	// Replication starts after the page's first content: a load begun before that waits for
	// it, or the replication would start meanwhile and push every batch as it is written.
	await running?.loaded;
	const handle = running?.handle;
	const resume = handle ? await handle.pause() : undefined;
	const release = syncStatus.hold();
	try {
		return await work();
	} finally {
		release();
		await resume?.().catch((e) => console.error('Could not resume sync', e));
	}
}

/** Stops replication; unsynced changes stay in the user's database for next time. */
export async function stopSync(): Promise<void> {
	const was = running;
	running = undefined;
	if (!was) return;
	was.stopped = true;
	was.stopListening();
	if (!was.handle) return;
	syncStatus.detach();
	await was.handle.cancel().catch(() => {});
}
