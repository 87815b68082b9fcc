/**
 * One per server process and database: listens for feed notifications (LISTEN/NOTIFY, so
 * pushes on other processes arrive too), reads the new feed rows once, and hands each open
 * stream the rows its user may see, with a checkpoint a pull could have answered.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import type { CollectionName } from '#domain/collections';
import type { StreamEvent, WireDoc } from '#domain/sync/protocol';
import { FEED_CHANNEL, feedHead, rowsOf } from './feed';
import { canSee, loadViewer, type Viewer } from './scope';

/** More new rows than this at once and streams get RESYNC (they pull) instead. */
const MAX_FANOUT_ROWS = 1000;

export interface Subscriber {
	collection: CollectionName;
	viewer: Viewer;
	send(event: StreamEvent): void;
}

interface FeedRow {
	seq: number;
	collection: CollectionName;
	data: WireDoc;
	owner_id: string | null;
	pushed_by: string | null;
	customer_owner: string | null;
	has_customer: boolean | null;
	user_id: string | null;
}

export class FeedHub {
	#subs = new Set<Subscriber>();
	#position = 0;
	#running = false;
	#again = false;
	#reloadViewers = false;
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

	/** Reads the feed now (also called on every notification); runs one read at a time. */
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
				this.#again = false;
				if (this.#subs.size) await this.#fetchOnce();
				else this.#position = await feedHead(this.database.db);
			} while (this.#again);
		} catch (err) {
			console.error('sync stream fan-out failed; streams will RESYNC', err);
			for (const s of this.#subs) s.send('RESYNC');
		} finally {
			this.#running = false;
		}
	}

	async #fetchOnce() {
		const db = this.database.db;
		if (this.#reloadViewers) {
			this.#reloadViewers = false;
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
		const rows = rowsOf<FeedRow>(
			await db.execute(sql`
				select r.seq::float8 as seq, r.collection, r.data, r.owner_id, r.pushed_by,
					c.owner_id as customer_owner, (c.id is not null) as has_customer, null as user_id
				from sync_records r
				left join sync_records c on c.collection = 'customers' and c.id = r.customer_id
				where r.seq > ${this.#position}
				union all
				select f.seq::float8, f.collection, f.data, null, null, null, null, f.user_id
				from sync_user_feed f where f.seq > ${this.#position}
				order by seq limit ${MAX_FANOUT_ROWS + 1}`)
		);
		if (!rows.length) return;
		if (rows.length > MAX_FANOUT_ROWS) {
			this.#position = await feedHead(db);
			for (const s of this.#subs) s.send('RESYNC');
			return;
		}
		this.#position = Number(rows[rows.length - 1].seq);
		for (const sub of this.#subs) {
			const docs: WireDoc[] = [];
			let last = 0;
			for (const row of rows) {
				if (row.collection !== sub.collection || !this.#visible(sub.viewer, row)) continue;
				docs.push(row.data);
				last = Number(row.seq);
			}
			if (docs.length) sub.send({ documents: docs, checkpoint: { seq: last } });
		}
	}

	#visible(viewer: Viewer, row: FeedRow): boolean {
		if (row.user_id !== null) return row.user_id === viewer.id;
		return canSee(viewer, {
			collection: row.collection,
			ownerId: row.owner_id,
			pushedBy: row.pushed_by ?? '',
			customerOwner: row.has_customer ? row.customer_owner : undefined
		});
	}
}

const hubs = new WeakMap<Database, FeedHub>();

/** The process's hub for `database`, started on first use. */
export function hubFor(database: Database): FeedHub {
	let hub = hubs.get(database);
	if (!hub) hubs.set(database, (hub = new FeedHub(database)));
	return hub;
}
