/**
 * Bench support (PostgreSQL): times every statement the server sends through `pg` and every
 * wait for a pool connection, grouped by what the statement is, so a push's latency can be
 * split into pool wait, record locks, reads, the write and COMMIT (where a push waits for
 * the feed lock, docs/SYNC.md). Patches `pg` process-wide; call before the server starts.
 */
import pg from 'pg';

const KINDS: [string, RegExp][] = [
	['BEGIN', /^\s*begin/i],
	['COMMIT (feed lock, flush)', /^\s*commit/i],
	['record locks (+ read, since 0005)', /sync_lock_re(cords|ad)/],
	['feed lock (taken directly)', /pg_advisory_xact_lock\(/],
	['write (upsert + history; optimistic: + locks and check)', /^\s*with (rec|g) as/i],
	['read stored rows', /^\s*select .* from "sync_records"/is],
	[
		'read stored rows (optimistic, no locks)',
		/from jsonb_array_elements\(\$1::jsonb\) k\s+join sync_records/
	],
	['hub read', /from sync_user_feed f where f\.seq/],
	['session lookup', /"sessions"/]
];

/** Starts timing; `reset()` forgets what was timed so far, `report()` prints p50/p99 per kind. */
export function timeStatements(): { reset(): void; report(): string } {
	const times = new Map<string, number[]>();
	const record = (kind: string, ms: number) => {
		let list = times.get(kind);
		if (!list) times.set(kind, (list = []));
		list.push(ms);
	};
	type Query = (this: pg.Client, ...args: unknown[]) => unknown;
	const proto = pg.Client.prototype as unknown as { query: Query };
	const query = proto.query;
	/** Calls `fn`, recording the time until its promise settles or its callback is called. */
	const timed = (kind: string, fn: (args: unknown[]) => unknown, args: unknown[]) => {
		const t0 = performance.now();
		const done = () => record(kind, performance.now() - t0);
		const last = args.length - 1;
		if (typeof args[last] === 'function') {
			const callback = args[last] as (...a: unknown[]) => unknown;
			args = [...args.slice(0, last), (...a: unknown[]) => (done(), callback(...a))];
		}
		const result = fn(args);
		if (result && typeof (result as Promise<unknown>).then === 'function')
			(result as Promise<unknown>).then(done, () => undefined);
		return result;
	};
	proto.query = function (this: pg.Client, ...args: unknown[]) {
		const q = args[0];
		const text = typeof q === 'string' ? q : ((q as { text?: string })?.text ?? '');
		const kind = KINDS.find(([, re]) => re.test(text))?.[0] ?? 'other';
		return timed(kind, (a) => query.apply(this, a), args);
	};
	const poolProto = pg.Pool.prototype as unknown as { connect: Query };
	const connect = poolProto.connect;
	poolProto.connect = function (this: pg.Client, ...args: unknown[]) {
		return timed('pool connect (wait)', (a) => connect.apply(this, a), args);
	};
	const pct = (xs: number[], p: number) =>
		[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
	return {
		reset: () => times.clear(),
		report: () =>
			[...times]
				.map(
					([kind, xs]) =>
						`  ${kind}: ${xs.length}×, p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`
				)
				.join('\n')
	};
}
