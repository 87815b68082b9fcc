/**
 * Bench support for the browser sync figures: a server database seeded before the real server
 * starts (PGlite is single-process), a rep who can sign in, and local record counts read
 * straight from the device's IndexedDB (RxDB's Dexie tables), not through the app.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { openDatabase, type Database } from '../server/db/client';
import { users } from '../server/db/schema';
import { hashPassword } from '../server/auth/password';
import type { ServerOptions } from '../tests/browser/server';
import { addUser, seedCustomers } from './sync-seed';

export interface SeededServer {
	/** What to pass to `startServer`: the seeded PGlite directory or PostgreSQL database. */
	serverOptions: ServerOptions;
	rep: { username: string; password: string };
	seedSeconds: number;
	/** Removes the PGlite directory or drops the PostgreSQL database (stop the server first). */
	drop(): Promise<void>;
}

const PASSWORD = 'bench-password-1';

async function freshDatabase(kind: 'pglite' | 'postgres') {
	if (kind === 'pglite') {
		const dataDir = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
		return {
			database: await openDatabase({ dataDir }),
			serverOptions: { env: { DATA_DIR: dataDir } } as ServerOptions,
			drop: async () => rmSync(dataDir, { recursive: true, force: true })
		};
	}
	const admin = process.env.TEST_DATABASE_URL;
	if (!admin) throw new Error('TEST_DATABASE_URL is not set: PostgreSQL benchmarks need it.');
	const name = 'fieldbook_b_' + randomBytes(6).toString('hex');
	const sql = async (statement: string) => {
		const c = new pg.Client({ connectionString: admin });
		await c.connect();
		await c.query(statement).finally(() => c.end());
	};
	await sql(`CREATE DATABASE ${name}`);
	const url = new URL(admin);
	url.pathname = '/' + name;
	return {
		database: await openDatabase({ url: url.toString() }),
		serverOptions: { databaseUrl: url.toString() } as ServerOptions,
		drop: () => sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	};
}

/** A server database of `kind` holding one rep who owns `customers` × (1 + `childrenEach`) records. */
export async function seedServerDatabase(
	kind: 'pglite' | 'postgres',
	customers: number,
	childrenEach: number
): Promise<SeededServer> {
	const fresh = await freshDatabase(kind);
	const { db } = fresh.database as Database;
	try {
		const repId = await addUser(db, 'rep');
		const [row] = await db
			.update(users)
			.set({ passwordHash: await hashPassword(PASSWORD) })
			.where(eq(users.id, repId))
			.returning({ username: users.username });
		const started = Date.now();
		await seedCustomers(db, repId, customers, childrenEach);
		return {
			serverOptions: fresh.serverOptions,
			rep: { username: row!.username, password: PASSWORD },
			seedSeconds: (Date.now() - started) / 1000,
			drop: fresh.drop
		};
	} catch (err) {
		await fresh.database.close().catch(() => undefined);
		await fresh.drop();
		throw err;
	} finally {
		await fresh.database.close().catch(() => undefined);
	}
}

/**
 * Documents per collection in the page's IndexedDB, from RxDB's Dexie databases
 * (`rxdb-dexie-<db>--<version>--<collection>`, table `docs`). Opens only databases that
 * exist, so it never creates one the app has not.
 */
export async function indexedDbCounts(page: Page): Promise<Record<string, number>> {
	return page.evaluate(async () => {
		const counts: Record<string, number> = {};
		const names = (await indexedDB.databases()).map((d) => d.name ?? '');
		for (const name of names) {
			const match = /^rxdb-dexie-fieldbook_.*--\d+--([a-z]+)$/.exec(name);
			if (!match) continue;
			const db = await new Promise<IDBDatabase>((ok, fail) => {
				const req = indexedDB.open(name);
				req.onsuccess = () => ok(req.result);
				req.onerror = () => fail(req.error);
			});
			try {
				if (!db.objectStoreNames.contains('docs')) continue;
				const store = db.transaction('docs', 'readonly').objectStore('docs');
				counts[match[1]!] = await new Promise<number>((ok, fail) => {
					const req = store.count();
					req.onsuccess = () => ok(req.result);
					req.onerror = () => fail(req.error);
				});
			} finally {
				db.close();
			}
		}
		return counts;
	});
}

/** Keeps every request's Resource Timing entry (the default buffer holds 250); call before navigating. */
export async function keepResourceTimings(page: Page): Promise<void> {
	await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
}

/** The page's pull requests: how many, wall seconds with at least one in flight, summed seconds. */
export async function pullTimings(
	page: Page
): Promise<{ requests: number; inFlightSeconds: number; sumSeconds: number }> {
	const spans = await page.evaluate(() =>
		(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
			.filter((e) => e.name.includes('/api/sync/') && e.name.includes('/pull'))
			.map((e) => [e.startTime, e.responseEnd] as [number, number])
	);
	spans.sort((a, b) => a[0] - b[0]);
	let inFlight = 0;
	let end = -Infinity;
	for (const [start, stop] of spans) {
		inFlight += Math.max(0, stop - Math.max(start, end));
		end = Math.max(end, stop);
	}
	const sum = spans.reduce((t, [start, stop]) => t + stop - start, 0);
	return { requests: spans.length, inFlightSeconds: inFlight / 1000, sumSeconds: sum / 1000 };
}

/**
 * The app's sync marks (`fieldbook:sync:…`, src/lib/sync/replication.ts) in seconds after
 * `from` (the page's clock when "Sign in" was pressed): when the replication code loaded,
 * each collection's lead, bootstrap end (with its pages' wait and write time) and first
 * in-sync.
 */
export async function printSyncMarks(page: Page, from: number): Promise<void> {
	const marks = await page.evaluate(() =>
		performance
			.getEntriesByType('mark')
			.filter((m) => m.name.startsWith('fieldbook:'))
			.map((m) => ({ name: m.name, at: m.startTime, detail: (m as PerformanceMark).detail }))
	);
	const lines = marks
		.sort((a, b) => a.at - b.at)
		.map((m) => {
			const d = m.detail as { pages?: number; waitMs?: number; writeMs?: number } | null;
			const extra = d?.pages
				? ` (${d.pages} pages: waiting for pages ${(d.waitMs! / 1000).toFixed(1)} s, writing ${(d.writeMs! / 1000).toFixed(1)} s)`
				: '';
			return `    ${((m.at - from) / 1000).toFixed(1).padStart(6)} s  ${m.name.replace('fieldbook:', '')}${extra}`;
		});
	console.log(`  marks after "Sign in":\n${lines.join('\n')}`);
}

/**
 * Per collection, how long each page took from one pull's start to the next (the next page is
 * asked for as soon as one arrives, so this is the page's write time or the pull's, whichever
 * is longer), averaged per 5 s after `from` (the page's clock at "Sign in").
 */
export async function printPageCycles(page: Page, from: number): Promise<void> {
	const starts = await page.evaluate(() =>
		(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
			.filter((e) => /\/api\/sync\/[a-z]+\/pull/.test(e.name))
			.map((e) => [/\/api\/sync\/([a-z]+)\//.exec(e.name)![1], e.startTime] as [string, number])
	);
	const byCollection = new Map<string, number[]>();
	for (const [c, t] of starts) byCollection.set(c, [...(byCollection.get(c) ?? []), t]);
	console.log('  page cycle (ms, mean per 5 s after "Sign in", from pull start to the next):');
	for (const [c, times] of byCollection) {
		if (times.length < 3) continue;
		times.sort((a, b) => a - b);
		const buckets = new Map<number, number[]>();
		for (let i = 1; i < times.length; i++) {
			const bucket = Math.floor((times[i - 1] - from) / 5000);
			buckets.set(bucket, [...(buckets.get(bucket) ?? []), times[i] - times[i - 1]]);
		}
		const cells = [...buckets]
			.sort((a, b) => a[0] - b[0])
			.map(
				([b, d]) => `${b * 5}s: ${Math.round(d.reduce((x, y) => x + y, 0) / d.length)}×${d.length}`
			);
		console.log(`    ${c.padEnd(14)} ${cells.join('  ')}`);
	}
}

export interface TreeCpu {
	chromium: number;
	other: number;
	/** Each Chromium process ("renderer 1234", "utility network.mojom.NetworkService 1240"). */
	byProcess: Map<string, number>;
	/** With `threads`: each Chromium process's threads by name ("browser 1234 / ThreadPoolForeg"). */
	byThread: Map<string, number>;
}

/**
 * CPU seconds (user + system) used so far by the live descendants of this process, split into
 * Chromium's processes and the rest (the server, a child `node`). Linux /proc only.
 */
export function descendantCpuSeconds(root = process.pid, threads = false): TreeCpu {
	const tick = 100; // USER_HZ on Linux
	const children = new Map<number, number[]>();
	const info = new Map<number, { cpu: number; chromium: boolean }>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const ppid = Number(fields[1]);
			info.set(Number(entry), {
				cpu: (Number(fields[11]) + Number(fields[12])) / tick,
				chromium: /chrom/i.test(name)
			});
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// the process ended while we read
		}
	}
	const sum: TreeCpu = { chromium: 0, other: 0, byProcess: new Map(), byThread: new Map() };
	const stack = [...(children.get(root) ?? [])];
	while (stack.length) {
		const pid = stack.pop()!;
		const p = info.get(pid);
		if (p?.chromium) {
			sum.chromium += p.cpu;
			sum.byProcess.set(chromiumLabel(pid), p.cpu);
			if (threads)
				for (const [name, cpu] of threadCpu(pid, tick))
					sum.byThread.set(`${chromiumLabel(pid)} / ${name}`, cpu);
		} else if (p) sum.other += p.cpu;
		stack.push(...(children.get(pid) ?? []));
	}
	return sum;
}

/** CPU seconds of a process's live threads, summed by thread name (Linux /proc). */
function threadCpu(pid: number, tick: number): Map<string, number> {
	const out = new Map<string, number>();
	let tasks: string[] = [];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return out;
	}
	for (const tid of tasks) {
		try {
			const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const cpu = (Number(fields[11]) + Number(fields[12])) / tick;
			out.set(name, (out.get(name) ?? 0) + cpu);
		} catch {
			// the thread ended while we read
		}
	}
	return out;
}

/** "renderer 1234" from a Chromium process's command line ("browser" has no --type). */
function chromiumLabel(pid: number): string {
	try {
		const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
		const sub = /--utility-sub-type=([a-zA-Z.]+)/.exec(cmd)?.[1];
		return [type, sub, pid].filter(Boolean).join(' ');
	} catch {
		return `ended ${pid}`;
	}
}

/** CPU seconds used by this process (the server and the bench). */
export function ownCpuSeconds(): number {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1e6;
}

/** Starts a CPU profile of the page's main thread when PROFILE is set; the returned function saves it. */
export async function profilePage(page: Page, name: string): Promise<() => Promise<void>> {
	const dir = process.env.PROFILE;
	if (!dir) return async () => undefined;
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await cdp.send('Profiler.start');
	return async () => {
		const { profile } = await cdp.send('Profiler.stop');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${name}-${Date.now()}.cpuprofile`);
		writeFileSync(file, JSON.stringify(profile));
		console.log(`profile: ${file}`);
	};
}

/**
 * With IDB_COUNT set, counts every IndexedDB request the page makes, per database and
 * object store and kind (get, getAll, put, cursor steps…), plus transactions per mode; call
 * before the page loads, then `printIndexedDbOps`. Wrapping costs the page a little time,
 * so figures from a counting run are not timings.
 */
export async function countIndexedDbOps(page: Page): Promise<void> {
	if (!process.env.IDB_COUNT) return;
	await page.addInitScript({ content: IDB_COUNT_SCRIPT });
}

/**
 * Plain JavaScript on purpose: a function handed to `addInitScript` would be compiled by tsx,
 * which wraps named functions in a `__name` helper the page does not have.
 * 'rxdb-dexie-fieldbook_<user>--0--customers' is labelled 'customers', meta 'meta:<hash>'.
 */
const IDB_COUNT_SCRIPT = `(() => {
	const counts = {};
	window.__idbOps = counts;
	const label = (n) => n
		.replace(/^rxdb-dexie-fieldbook_[a-z0-9_]*--\\d+--/, '')
		.replace(/^rx-replication-meta-(.{6}).*$/, 'meta:$1');
	const bump = (key) => { counts[key] = (counts[key] || 0) + 1; };
	const storeOf = (s) => label(s.transaction.db.name) + '/' + s.name;
	const wrap = (proto, names, where) => {
		for (const name of names) {
			const original = proto[name];
			if (typeof original !== 'function') continue;
			proto[name] = function (...args) {
				bump(where(this) + ' ' + name);
				return original.apply(this, args);
			};
		}
	};
	wrap(IDBObjectStore.prototype,
		['get', 'getKey', 'getAll', 'getAllKeys', 'put', 'add', 'delete', 'count', 'openCursor', 'openKeyCursor', 'clear'],
		(s) => storeOf(s));
	wrap(IDBIndex.prototype,
		['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor'],
		(i) => storeOf(i.objectStore) + '[' + i.name + ']');
	wrap(IDBCursor.prototype, ['continue', 'advance', 'continuePrimaryKey'], (c) =>
		c.source instanceof IDBIndex
			? storeOf(c.source.objectStore) + '[' + c.source.name + '] cursor'
			: storeOf(c.source) + ' cursor');
	// RxDB's multi-tab support posts every write's change events (whole documents) here.
	const post = BroadcastChannel.prototype.postMessage;
	BroadcastChannel.prototype.postMessage = function (message) {
		bump('(BroadcastChannel) ' + this.name + ' postMessage');
		counts['(BroadcastChannel) ' + this.name + ' JSON kB'] =
			(counts['(BroadcastChannel) ' + this.name + ' JSON kB'] || 0) +
			Math.round(JSON.stringify(message).length / 1000);
		return post.call(this, message);
	};
	const transaction = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (stores, mode, options) {
		bump(label(this.name) + ' transaction ' + (mode || 'readonly'));
		bump('(all) transaction ' + (mode || 'readonly'));
		return transaction.call(this, stores, mode, options);
	};
})();`;

/** Prints what `countIndexedDbOps` counted (nothing without IDB_COUNT), then clears the counts. */
export async function printIndexedDbOps(page: Page, title: string): Promise<void> {
	if (!process.env.IDB_COUNT) return;
	const counts = await page.evaluate(() => {
		const c = (window as unknown as { __idbOps?: Record<string, number> }).__idbOps ?? {};
		const copy = { ...c };
		for (const k of Object.keys(c)) delete c[k];
		return copy;
	});
	const byKind: Record<string, number> = {};
	for (const [key, n] of Object.entries(counts)) {
		const kind = key.split(' ').slice(1).join(' ');
		const where = key.startsWith('meta:') ? 'meta' : key.startsWith('(') ? '' : 'docs';
		if (where) byKind[`${where} ${kind}`] = (byKind[`${where} ${kind}`] ?? 0) + n;
	}
	const indexes = await page.evaluate(async () => {
		const out: string[] = [];
		for (const { name = '', version } of await indexedDB.databases()) {
			if (!name.startsWith('rxdb-dexie-')) continue;
			const db = await new Promise<IDBDatabase>((ok, fail) => {
				const req = indexedDB.open(name);
				req.onsuccess = () => ok(req.result);
				req.onerror = () => fail(req.error);
			});
			const store = db.transaction('docs').objectStore('docs');
			out.push(`${name.replace(/^.*--\d+--/, '')} v${version}: ${[...store.indexNames].join(' ')}`);
			db.close();
		}
		return out;
	});
	console.log(`  docs store indexes: ${indexes.join('; ')}`);
	console.log(`  IndexedDB requests ${title} (IDB_COUNT):`);
	for (const [key, n] of Object.entries(counts).sort((a, b) => b[1] - a[1]))
		console.log(`    ${String(n).padStart(9)}  ${key}`);
	console.log('  totals (meta = all replication meta stores):');
	for (const [key, n] of Object.entries(byKind).sort((a, b) => b[1] - a[1]))
		console.log(`    ${String(n).padStart(9)}  ${key}`);
}
