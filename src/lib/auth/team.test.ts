import { describe, expect, it } from 'vitest';
import {
	loadCachedTeam,
	ownerName,
	ownerScope,
	saveCachedTeam,
	seesTeam,
	type TeamMember
} from './team';

const ann: TeamMember = {
	id: 'u-ann',
	username: 'ann',
	displayName: 'Ann Li',
	role: 'rep',
	managerId: 'u-max'
};
const max: TeamMember = {
	id: 'u-max',
	username: 'max',
	displayName: '',
	role: 'manager',
	managerId: null
};

function memoryStore() {
	const m = new Map<string, string>();
	return {
		getItem: (k: string) => m.get(k) ?? null,
		setItem: (k: string, v: string) => void m.set(k, v)
	};
}

describe('owners in reports', () => {
	it('keeps a rep to their own numbers whatever was picked', () => {
		expect(ownerScope(ann, 'u-max')).toEqual(['u-ann']);
		expect(seesTeam(ann)).toBe(false);
	});

	it('gives a manager the whole team or the member picked', () => {
		expect(ownerScope(max, '')).toEqual([]);
		expect(ownerScope(max, 'u-ann')).toEqual(['u-ann']);
		expect(seesTeam(max)).toBe(true);
	});

	it('names owners by display name, username, else a short id', () => {
		expect(ownerName('u-ann', [ann, max])).toBe('Ann Li');
		expect(ownerName('u-max', [ann, max])).toBe('max');
		expect(ownerName('0190a2b3-c4d5-7000-8000-000000000000', [])).toBe('0190a2b3');
	});

	it('remembers the team per user for offline use and ignores what is not a team', () => {
		const store = memoryStore();
		saveCachedTeam('u-max', [ann, max], store);
		expect(loadCachedTeam('u-max', store)).toEqual([ann, max]);
		expect(loadCachedTeam('u-ann', store)).toEqual([]);
		store.setItem('fieldbook.team.u-x', '{"users":[{"id":1}]}');
		expect(loadCachedTeam('u-x', store)).toEqual([]);
	});
});
