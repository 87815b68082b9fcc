/**
 * Runs replication for the signed-in user: starts it on their database (works offline,
 * one tab leads), resumes on 'online', ends the session on a 401, and stops it before
 * another user's database opens. The replication code loads after the page's first content.
 */
import { auth } from '$lib/auth/auth.svelte';
import type { FieldbookDb } from '$lib/db/database';
import type { ReplicationHandle } from './replication';
import { afterFirstContent, markOnce } from '$lib/perf/marks';
import { setEditGate } from '$lib/db/edit-gate';
import { syncStatus } from './status.svelte';

interface Running {
	userId: string;
	/** Undefined until the replication code has loaded and started. */
	handle?: ReplicationHandle;
	/** Settles once `handle` is set, or the start failed or was stopped first. */
	loaded: Promise<void>;
	/** Loads the replication code now instead of after the page's first content. */
	loadNow: () => void;
	stopped: boolean;
	stopListening: () => void;
}

let running: Running | undefined;

/** The longest an edit waits for sync to be able to keep its base. */
const EDIT_WAIT_MS = 5000;

export function syncingFor(): string | undefined {
	return running?.userId;
}

async function load(db: FieldbookDb, run: Running, now: Promise<void>): Promise<void> {
	await Promise.race([afterFirstContent(), now]);
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
	let loadNow = () => {};
	const now = new Promise<void>((resolve) => (loadNow = resolve));
	const run: Running = {
		userId,
		stopped: false,
		stopListening: () => {},
		loaded: Promise.resolve(),
		loadNow
	};
	running = run;
	run.loaded = load(db, run, now).catch((e) => console.error('Could not start sync', e));
	// An edit of a stored record waits until its base can be kept (db/edit-gate.ts); the
	// first edit before the page's first content loads the replication code at once.
	// Never more than EDIT_WAIT_MS: a save that cannot keep its base still beats one that hangs.
	let ready: Promise<unknown> | undefined;
	setEditGate(async () => {
		if (run.stopped) return;
		run.loadNow();
		ready ??= run.loaded.then(() => run.handle?.basesKept);
		let timer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([
			ready,
			new Promise((resolve) => (timer = setTimeout(resolve, EDIT_WAIT_MS)))
		]);
		clearTimeout(timer);
	});
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
	setEditGate(undefined);
	was.stopListening();
	if (!was.handle) return;
	syncStatus.detach();
	await was.handle.cancel().catch(() => {});
}
