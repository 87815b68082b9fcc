import { describe, expect, it } from 'vitest';
import type { Visit } from '$lib/domain';
import {
	addLocalDays,
	firstVisits,
	followUpsDue,
	plannedVisits,
	startOfLocalDay,
	visitHappened
} from './select';

const NOW = new Date(2026, 10, 20, 14, 0).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

let n = 0;
/** A UUID v7 carrying `createdAt`, as the app makes them. */
function idAt(createdAt: number): string {
	const hex = createdAt.toString(16).padStart(12, '0');
	const tail = (n++).toString(16).padStart(12, '0');
	return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-${tail}`;
}

function visit(v: Partial<Visit> & { createdAt?: number }): Visit {
	const { createdAt = NOW - 30 * DAY, ...rest } = v;
	return { id: idAt(createdAt), updatedAt: createdAt, _deleted: false, customerId: A, ...rest };
}
const checkedIn = (at: number) => ({ at, lat: 31.2, lng: 121.5, accuracy: 20 });

describe('followUpsDue', () => {
	it('lists follow-ups due today and overdue ones, oldest first, and not tomorrow’s', () => {
		const today = visit({ checkIn: checkedIn(NOW - 10 * DAY), nextFollowUpAt: NOW + 2 * HOUR });
		const overdue = visit({
			customerId: B,
			checkIn: checkedIn(NOW - 20 * DAY),
			nextFollowUpAt: NOW - 3 * DAY
		});
		const tomorrow = visit({
			customerId: '00000000-0000-4000-8000-00000000000c',
			checkIn: checkedIn(NOW - 5 * DAY),
			nextFollowUpAt: addLocalDays(NOW, 1) + HOUR
		});
		const due = followUpsDue([today, overdue, tomorrow], NOW);
		expect(due.map((d) => d.visit.id)).toEqual([overdue.id, today.id]);
		expect(due.map((d) => d.overdue)).toEqual([true, false]);
	});

	it('drops a follow-up answered by a later check-in of the same customer', () => {
		const asked = visit({ checkIn: checkedIn(NOW - 10 * DAY), nextFollowUpAt: NOW - DAY });
		const wentBack = visit({ checkIn: checkedIn(NOW - 2 * DAY) });
		const otherCustomer = visit({ customerId: B, checkIn: checkedIn(NOW - DAY) });
		expect(followUpsDue([asked, otherCustomer], NOW)).toHaveLength(1);
		expect(followUpsDue([asked, wentBack, otherCustomer], NOW)).toEqual([]);
	});

	it('drops a follow-up once a visit is planned from today on, but not for a missed plan', () => {
		const asked = visit({ checkIn: checkedIn(NOW - 10 * DAY), nextFollowUpAt: NOW - DAY });
		const planned = visit({ plannedAt: NOW + 2 * DAY, createdAt: NOW - HOUR });
		const missed = visit({ plannedAt: NOW - 3 * DAY, createdAt: NOW - 9 * DAY });
		expect(followUpsDue([asked, planned], NOW)).toEqual([]);
		expect(followUpsDue([asked, missed], NOW).map((d) => d.visit.id)).toEqual([asked.id]);
	});

	it('keeps only the latest visit’s follow-up for a customer', () => {
		const first = visit({ checkIn: checkedIn(NOW - 10 * DAY), nextFollowUpAt: NOW - 5 * DAY });
		const second = visit({ checkIn: checkedIn(NOW - 6 * DAY), nextFollowUpAt: NOW - DAY });
		expect(followUpsDue([first, second], NOW).map((d) => d.visit.id)).toEqual([second.id]);
	});

	it('counts a visit logged after the fact (no position) as having taken place', () => {
		const asked = visit({ checkIn: checkedIn(NOW - 10 * DAY), nextFollowUpAt: NOW - DAY });
		const logged = visit({ plannedAt: NOW - 3 * DAY, createdAt: NOW - 3 * DAY + 1000 });
		expect(visitHappened(logged)).toBe(true);
		expect(followUpsDue([asked, logged], NOW)).toEqual([]);
	});
});

describe('plannedVisits', () => {
	it('groups visits planned from today through the next days by day, in time order', () => {
		const later = visit({ plannedAt: NOW + DAY + HOUR, createdAt: NOW - DAY });
		const earlierToday = visit({ plannedAt: NOW - 4 * HOUR, createdAt: NOW - DAY });
		const tonight = visit({ plannedAt: NOW + 3 * HOUR, createdAt: NOW - DAY });
		const nextMonth = visit({ plannedAt: NOW + 30 * DAY, createdAt: NOW - DAY });
		const yesterday = visit({ plannedAt: NOW - DAY, createdAt: NOW - 2 * DAY });
		const done = visit({ plannedAt: NOW + HOUR, createdAt: NOW - DAY, checkIn: checkedIn(NOW) });
		const days = plannedVisits([later, earlierToday, tonight, nextMonth, yesterday, done], NOW);
		expect(days.map((d) => d.day)).toEqual([startOfLocalDay(NOW), addLocalDays(NOW, 1)]);
		expect(days[0].visits.map((v) => v.id)).toEqual([earlierToday.id, tonight.id]);
		expect(days[1].visits.map((v) => v.id)).toEqual([later.id]);
	});

	it('leaves out visits saved “now” without a position', () => {
		const logged = visit({ plannedAt: NOW - 1000, createdAt: NOW });
		expect(plannedVisits([logged], NOW)).toEqual([]);
	});
});

describe('firstVisits', () => {
	it('keeps the first visits across days, in order, with their days', () => {
		const [a, b, c] = [visit({}), visit({}), visit({})];
		const days = [
			{ day: 1, visits: [a, b] },
			{ day: 2, visits: [c] }
		];
		expect(firstVisits(days, 1)).toEqual([{ day: 1, visits: [a] }]);
		expect(firstVisits(days, 3)).toEqual(days);
		expect(firstVisits(days, 0)).toEqual([]);
	});
});
