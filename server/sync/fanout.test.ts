/** Stream fan-out: scope per subscriber, checkpoints, and one serialisation per distinct event. */
import { describe, expect, it } from 'vitest';
import { FeedEvent, fanOut, type FanOutTarget, type FeedRow } from './fanout';
import type { Viewer } from './scope';

const rep = (id: string): Viewer => ({ id, all: false, owners: new Set([id]) });
const row = (seq: number, fields: Partial<FeedRow>): FeedRow => ({
	seq,
	collection: 'customers',
	json: JSON.stringify({ id: `r${seq}`, updatedAt: seq }),
	owner_id: null,
	pushed_by: 'someone',
	customer_owner_id: null,
	user_id: null,
	...fields
});

function target(collection: FanOutTarget['collection'], viewer: Viewer) {
	const got: FeedEvent[] = [];
	return { got, target: { collection, viewer, send: (e: FeedEvent) => got.push(e) } };
}

const decode = (e: FeedEvent, tagged = false) => new TextDecoder().decode(e.frame(tagged));

describe('fanOut', () => {
	const rows = [
		row(1, { owner_id: 'a' }),
		row(2, { owner_id: 'b' }),
		row(3, { collection: 'orders', customer_owner_id: 'a' }),
		row(4, { collection: 'orders', pushed_by: 'b' }),
		row(5, { user_id: 'b', json: '{"id":"r1","updatedAt":1,"_deleted":true}' }),
		row(6, { collection: 'campaigns' })
	];

	it('gives each subscriber the rows its viewer sees, checkpointed at the last of them', () => {
		const a = target('customers', rep('a'));
		const b = target('customers', rep('b'));
		const bOrders = target('orders', rep('b'));
		const c = target('customers', rep('c'));
		fanOut(rows, [a.target, b.target, bOrders.target, c.target]);
		expect(a.got.map((e) => JSON.parse(e.json))).toEqual([
			{ documents: [{ id: 'r1', updatedAt: 1 }], checkpoint: { seq: 1 } }
		]);
		expect(b.got.map((e) => JSON.parse(e.json))).toEqual([
			{
				documents: [
					{ id: 'r2', updatedAt: 2 },
					{ id: 'r1', updatedAt: 1, _deleted: true }
				],
				checkpoint: { seq: 5 }
			}
		]);
		// A child whose customer has not arrived goes to its pusher only.
		expect(bOrders.got.map((e) => JSON.parse(e.json).checkpoint)).toEqual([{ seq: 4 }]);
		expect(c.got).toEqual([]);
	});

	it('builds one event, with one encoded frame, for subscribers that see the same rows', () => {
		const subs = ['a', 'b', 'c'].map((id) => target('campaigns', rep(id)));
		fanOut(
			rows,
			subs.map((s) => s.target)
		);
		const [first] = subs[0].got;
		for (const s of subs) expect(s.got).toEqual([first]);
		expect(first.frame(false)).toBe(first.frame(false));
		expect(decode(first)).toBe(
			'data: {"documents":[{"id":"r6","updatedAt":6}],"checkpoint":{"seq":6}}\n\n'
		);
	});

	it('tags events for the shared stream and shares RESYNC events per collection', () => {
		const resync = FeedEvent.resync('orders');
		expect(FeedEvent.resync('orders')).toBe(resync);
		expect(decode(resync, true)).toBe('data: {"collection":"orders","event":"RESYNC"}\n\n');
		expect(decode(resync)).toBe('data: "RESYNC"\n\n');
	});
});
