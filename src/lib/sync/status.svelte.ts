/**
 * The one sync status of the app: online, active, changes waiting per collection, last
 * sync, the last problem in words, first-sync progress and records the server's merge
 * changed. The leading tab counts and remembers it per user; other tabs follow via storage.
 */
import { combineLatest, filter, type Observable, type Subscription } from 'rxjs';
import type { FieldbookDb } from '$lib/db/database';
import type { CollectionName } from '$lib/domain/collections';
import type { ReplicationHandle } from './replication';
import { canChangeWaiting, countWaiting } from './waiting';
import {
	addConflictNotes,
	describeSyncError,
	notesFor,
	readRemembered,
	statusKey,
	totalWaiting,
	type ConflictNote,
	type Remembered,
	type SyncProblem,
	type WaitingCounts
} from './status-model';

const RECOUNT_MS = 400;

export class SyncStatus {
	#online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	#running = $state(false);
	#active = $state(false);
	#leader = $state(false);
	#waiting = $state.raw<WaitingCounts>({});
	#received = $state.raw<WaitingCounts>({});
	#lastSyncAt = $state<number | undefined>(undefined);
	#problem = $state.raw<SyncProblem | undefined>(undefined);
	#conflicts = $state.raw<ConflictNote[]>([]);

	#userId: string | undefined;
	#handle: ReplicationHandle | undefined;
	#subs: Subscription[] = [];
	#cleanups: (() => void)[] = [];
	// How long the last count took per collection (bookkeeping, not state the UI reads).
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#countMs = new Map<CollectionName, number>();
	// Plain collections on purpose: bookkeeping read by methods, never by the template.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#activeBy = new Map<CollectionName, boolean>();
	#failedThisRun = false;
	#holds = 0;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#timers = new Map<CollectionName, ReturnType<typeof setTimeout>>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#dirty = new Set<CollectionName>();

	constructor() {
		if (typeof window === 'undefined') return;
		window.addEventListener('online', () => (this.#online = true));
		window.addEventListener('offline', () => (this.#online = false));
	}

	get online(): boolean {
		return this.#online;
	}
	/** Replication is set up for a signed-in user in this tab (it may wait for leadership). */
	get running(): boolean {
		return this.#running;
	}
	get active(): boolean {
		return this.#active && this.#online;
	}
	/** This tab runs the replication; other tabs of the same user show what it remembers. */
	get leader(): boolean {
		return this.#leader;
	}
	get waiting(): WaitingCounts {
		return this.#waiting;
	}
	get waitingTotal(): number {
		return totalWaiting(this.#waiting);
	}
	get lastSyncAt(): number | undefined {
		return this.#lastSyncAt;
	}
	/** The last problem, hidden while offline (being offline is said on its own). */
	get problem(): SyncProblem | undefined {
		return this.#online ? this.#problem : undefined;
	}
	get conflicts(): ConflictNote[] {
		return this.#conflicts;
	}
	/** The device's first sync is under way (nothing has completed for this user yet). */
	get firstSync(): boolean {
		return this.#running && this.#lastSyncAt === undefined;
	}
	/** Records received in this run, by collection (first-sync progress). */
	get received(): WaitingCounts {
		return this.#received;
	}

	/** Follows `handle` for `userId`; call `detach` before following another user. */
	attach(userId: string, db: FieldbookDb, handle: ReplicationHandle): void {
		this.detach();
		this.#userId = userId;
		this.#handle = handle;
		this.#adopt(this.#load());
		this.#running = true;
		const gen = handle;
		db.waitForLeadership()
			.then(() => {
				if (this.#handle === gen) this.#leader = true;
			})
			.catch(() => {});
		for (const [name, state] of Object.entries(handle.states) as [
			CollectionName,
			ReplicationHandle['states'][CollectionName]
		][]) {
			const boot = handle.bootstrap[name];
			this.#subs.push(
				combineLatest([boot.booting$, state.active$ as Observable<boolean>]).subscribe(
					([booting, active]) => this.#setActive(name, booting || active)
				),
				boot.received$.subscribe((n) => {
					this.#received = { ...this.#received, [name]: (this.#received[name] ?? 0) + n };
				}),
				state.error$.subscribe((e: unknown) => {
					this.#failedThisRun = true;
					this.#problem = describeSyncError(e, this.#online, Date.now());
					this.#save();
				}),
				state.received$.subscribe(() => {
					this.#received = { ...this.#received, [name]: (this.#received[name] ?? 0) + 1 };
				}),
				state.sent$.subscribe(() => this.#recount(name)),
				(db[name] as FieldbookDb['customers']).eventBulks$
					.pipe(filter((bulk) => canChangeWaiting(bulk.context)))
					.subscribe(() => this.#recount(name))
			);
			state.startPromise
				.then(() => {
					this.#recount(name);
					// RxDB records each pushed state in its meta instance after `sent$` and
					// `active$` fire: count again whenever that moves.
					const meta = state.metaInstance;
					if (meta && this.#handle === gen) {
						this.#subs.push(
							meta
								.changeStream()
								.pipe(filter((bulk) => canChangeWaiting(bulk.context)))
								.subscribe(() => this.#recount(name))
						);
					}
				})
				.catch(() => {});
		}
		const onStorage = (e: StorageEvent) => {
			if (e.key === statusKey(userId) && !this.#leader) this.#adopt(readRemembered(e.newValue));
		};
		window.addEventListener('storage', onStorage);
		this.#cleanups.push(() => window.removeEventListener('storage', onStorage));
	}

	detach(): void {
		for (const s of this.#subs) s.unsubscribe();
		for (const c of this.#cleanups) c();
		for (const t of this.#timers.values()) clearTimeout(t);
		this.#subs = [];
		this.#cleanups = [];
		this.#timers.clear();
		this.#dirty.clear();
		this.#activeBy.clear();
		this.#handle = undefined;
		this.#userId = undefined;
		this.#running = false;
		this.#active = false;
		this.#leader = false;
		this.#received = {};
	}

	/** What is remembered for a user who is not signed in here (e.g. before sign-out). */
	rememberedFor(userId: string): Remembered {
		return this.#userId === userId ? this.#snapshot() : this.#load(userId);
	}

	/** Pulls and pushes now (the "Sync now" button, the 'online' event). */
	syncNow(): void {
		this.#handle?.reSync();
	}

	/** The server answered a push with other states: list them on /sync. */
	noteConflicts(collection: CollectionName, docs: unknown[]): void {
		this.#conflicts = addConflictNotes(this.#conflicts, notesFor(collection, docs, Date.now()));
		this.#save();
	}

	clearConflicts(): void {
		this.#conflicts = [];
		this.#save();
	}

	#setActive(name: CollectionName, active: boolean): void {
		this.#activeBy.set(name, active);
		const any = [...this.#activeBy.values()].some(Boolean);
		if (any && !this.#active) this.#failedThisRun = false;
		if (!any && this.#active && !this.#failedThisRun) {
			this.#lastSyncAt = Date.now();
			this.#problem = undefined;
			this.#save();
		}
		this.#active = any;
		if (!active) this.#recount(name);
	}

	/**
	 * Holds the waiting counts while a bulk load writes thousands of records (each batch would
	 * start a count that reads them all back); the returned function counts once, after it.
	 */
	hold(): () => void {
		this.#holds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			if (--this.#holds > 0) return;
			const dirty = [...this.#dirty].filter((name) => !this.#timers.has(name));
			for (const name of dirty) this.#recount(name);
		};
	}

	/** Counts again soon; changes during a count lead to one more count after it. */
	#recount(name: CollectionName): void {
		if (this.#timers.has(name) || this.#holds > 0) {
			this.#dirty.add(name);
			return;
		}
		const handle = this.#handle;
		this.#timers.set(
			name,
			setTimeout(
				async () => {
					this.#dirty.delete(name);
					const state = handle?.states[name];
					const started = performance.now();
					const n = state ? await countWaiting(state).catch(() => undefined) : undefined;
					this.#timers.delete(name);
					// Back off while counting is costly (thousands of changes arriving at once),
					// so the count never takes more than a fifth of the time.
					this.#countMs.set(name, performance.now() - started);
					if (this.#handle !== handle) return;
					if (n !== undefined && this.#waiting[name] !== n) {
						this.#waiting = { ...this.#waiting, [name]: n };
						this.#save();
					}
					if (this.#dirty.has(name)) this.#recount(name);
				},
				Math.max(RECOUNT_MS, 4 * (this.#countMs.get(name) ?? 0))
			)
		);
	}

	#adopt(r: Remembered): void {
		this.#waiting = r.waiting;
		this.#lastSyncAt = r.lastSyncAt;
		this.#problem = r.problem;
		this.#conflicts = r.conflicts;
	}

	#snapshot(): Remembered {
		return {
			waiting: this.#waiting,
			lastSyncAt: this.#lastSyncAt,
			problem: this.#problem,
			conflicts: this.#conflicts
		};
	}

	#load(userId = this.#userId): Remembered {
		try {
			return readRemembered(userId ? localStorage.getItem(statusKey(userId)) : null);
		} catch {
			return readRemembered(null);
		}
	}

	#save(): void {
		if (!this.#userId) return;
		try {
			localStorage.setItem(statusKey(this.#userId), JSON.stringify(this.#snapshot()));
		} catch {
			/* storage full or private mode: the status lasts for this visit */
		}
	}
}

export const syncStatus = new SyncStatus();

/**
 * True while this device's first sync is taking in records: pages that follow whole
 * collections read them every ten seconds or so meanwhile (`calmWhile`). Offline it is false, so
 * what a rep types then shows at once.
 */
export const firstSyncBusy = (): boolean => syncStatus.firstSync && syncStatus.active;
