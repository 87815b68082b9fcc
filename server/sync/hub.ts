/**
 * One per server process and database: listens for feed notifications (LISTEN/NOTIFY, so
 * pushes on other processes arrive too), reads the new feed rows once, and hands each open
 * stream the rows its user may see, with a checkpoint a pull could have answered.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { FEED_CHANNEL, feedHead, rowsOf } from './feed';
import { FeedEvent, fanOut, type FanOutTarget, type FeedRow } from './fanout';
import { loadViewer, type Viewer } from './scope';

export { FeedEvent } from './fanout';

/** More new rows than this at once and streams get RESYNC (they pull) instead. */
const MAX_FANOUT_ROWS = 1000;
/**
 * Reads start at least this far apart: the first notification after a quiet spell is read
 * at once; under a stream of pushes, one read (and one frame per stream) serves every push
 * of the last interval, so fan-out costs per interval, not per push.
 */
export const MIN_READ_INTERVAL_MS = 100;

/** An open stream of one collection; `send` must not block (queue the bytes and return). */
export type Subscriber = FanOutTarget;

export class FeedHub {
	#subs = new Set<Subscriber>();
	#position = 0;
	#running = false;
	#again = false;
	#reloadViewers = false;
	#lastRead = 0;
	#ready: Promise<void>;

	constructor(private readonly database: Database) {
		this.#ready = this.#start();
	}

	async #start() {
		this.#position = await feedHead(this.database.db);
		await this.database.listen(FEED_CHANNEL, (payload) => {
			if (payload === 'scope') this.#reloadViewers = true;
			this.poke();
		});
	}

	async subscribe(sub: Subscriber): Promise<() => void> {
		await this.#ready;
		this.#subs.add(sub);
		return () => this.#subs.delete(sub);
	}

	get size(): number {
		return this.#subs.size;
	}

	/**
	 * Reads the feed (called on every notification). One read at a time, reads at least
	 * MIN_READ_INTERVAL_MS apart: notifications that arrive meanwhile share the next read.
	 */
	poke(): void {
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = true;
		void this.#drain();
	}

	async #drain() {
		try {
			do {
				const wait = this.#lastRead + MIN_READ_INTERVAL_MS - Date.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
				// The database closed meanwhile (server or test shutting down): nothing to read.
				if (this.database.closed) return;
				this.#again = false;
				this.#lastRead = Date.now();
				if (this.#subs.size) await this.#fetchOnce();
				else this.#position = await feedHead(this.database.db);
			} while (this.#again);
		} catch (err) {
			if (this.database.closed) return;
			console.error('sync stream fan-out failed; streams will RESYNC', err);
			this.#broadcastResync();
		} finally {
			this.#running = false;
		}
	}

	#broadcastResync() {
		for (const s of this.#subs) s.send(FeedEvent.resync(s.collection));
	}

	/** Scope changed somewhere: reload each distinct user's viewer once. */
	async #reload() {
		const db = this.database.db;
		const ids = [...new Set([...this.#subs].map((s) => s.viewer.id))];
		const rows = await db
			.select({ id: users.id, role: users.role })
			.from(users)
			.where(inArray(users.id, ids));
		const viewers = new Map<string, Viewer>();
		for (const u of rows) viewers.set(u.id, await loadViewer(db, u));
		for (const s of this.#subs)
			s.viewer = viewers.get(s.viewer.id) ?? { id: s.viewer.id, all: false, owners: new Set() };
	}

	async #fetchOnce() {
		const db = this.database.db;
		if (this.#reloadViewers) {
			this.#reloadViewers = false;
			await this.#reload();
		}
		const rows = rowsOf<FeedRow>(
			await db.execute(sql`
				select x.seq::float8 as seq, x.collection, x.data::text as json, x.owner_id,
					x.pushed_by, x.customer_owner_id, x.user_id from (
					(select r.seq, r.collection, r.data, r.owner_id, r.pushed_by, r.customer_owner_id,
						null as user_id
					from sync_records r where r.seq > ${this.#position}
					order by r.seq limit ${MAX_FANOUT_ROWS + 1})
					union all
					(select f.seq, f.collection, f.data, null, null, null, f.user_id
					from sync_user_feed f where f.seq > ${this.#position}
					order by f.seq limit ${MAX_FANOUT_ROWS + 1})
				) x order by x.seq limit ${MAX_FANOUT_ROWS + 1}`)
		);
		if (!rows.length) return;
		if (rows.length > MAX_FANOUT_ROWS) {
			this.#position = await feedHead(db);
			this.#broadcastResync();
			return;
		}
		this.#position = Number(rows[rows.length - 1].seq);
		fanOut(rows, this.#subs);
	}
}

const hubs = new WeakMap<Database, FeedHub>();

/** The process's hub for `database`, started on first use. */
export function hubFor(database: Database): FeedHub {
	let hub = hubs.get(database);
	if (!hub) hubs.set(database, (hub = new FeedHub(database)));
	return hub;
}
