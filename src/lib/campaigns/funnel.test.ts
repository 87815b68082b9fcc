import { describe, expect, it } from 'vitest';
import type { Participation, ParticipationStatus } from '$lib/domain';
import { funnelOf, funnelsByCampaign, newInvitees, shareOf, statusCounts } from './funnel';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
let n = 0;
function p(
	campaignId: string,
	customerId: string,
	status: ParticipationStatus,
	_deleted = false
): Participation {
	return { id: `p${n++}`, updatedAt: 1, _deleted, campaignId, customerId, status, at: 1 };
}

describe('funnel counts', () => {
	it('counts customers cumulatively at their furthest status, per campaign', () => {
		const ps = [
			p(C1, 'a', 'invited'),
			p(C1, 'b', 'joined'),
			p(C1, 'c', 'converted'),
			p(C1, 'd', 'invited'),
			p(C2, 'a', 'converted')
		];
		const all = funnelsByCampaign(ps);
		expect(all.get(C1)).toEqual({ invited: 4, joined: 2, converted: 1 });
		expect(all.get(C2)).toEqual({ invited: 1, joined: 1, converted: 1 });
	});

	it('counts a customer with two participations once, at the furthest status', () => {
		expect(funnelOf(C1, [p(C1, 'a', 'invited'), p(C1, 'a', 'joined')])).toEqual({
			invited: 1,
			joined: 1,
			converted: 0
		});
	});

	it('ignores removed participants and gives zeros for an empty campaign', () => {
		expect(funnelOf(C1, [p(C1, 'a', 'converted', true)])).toEqual({
			invited: 0,
			joined: 0,
			converted: 0
		});
		expect(shareOf(0, { invited: 0, joined: 0, converted: 0 })).toBe(0);
		expect(shareOf(1, { invited: 4, joined: 2, converted: 1 })).toBe(0.25);
	});
});

describe('newInvitees', () => {
	it('leaves out customers already in the campaign and repeated choices', () => {
		expect(newInvitees(['a', 'b', 'a', 'c'], [{ customerId: 'b' }])).toEqual(['a', 'c']);
		expect(newInvitees(['b'], [{ customerId: 'b' }])).toEqual([]);
	});
});

describe('statusCounts', () => {
	it('counts participations at their current status only', () => {
		expect(
			statusCounts([p(C1, 'a', 'invited'), p(C1, 'b', 'converted'), p(C1, 'c', 'converted')])
		).toEqual({
			invited: 1,
			joined: 0,
			converted: 2
		});
	});
});
