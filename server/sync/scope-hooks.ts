/**
 * Hooks the accounts code calls when who-can-see-what changes (a rep's manager or role
 * changed), inside its transaction and after the users row is updated. The change feed
 * then re-sends records to users who gained access and tombstones to those who lost it.
 */
import type { Db } from '../db/client';
import { lockFeed, lockWriters, notifyFeed } from './feed';
import { viewerChanged } from './reassign';
import { loadViewer, type Viewer } from './scope';

export interface UserScopeChange {
	userId: string;
	previousManagerId: string | null;
	managerId: string | null;
	previousRole: 'admin' | 'manager' | 'rep';
	role: 'admin' | 'manager' | 'rep';
	at: number;
}

const withOwner = (v: Viewer, owner: string, present: boolean): Viewer => {
	const owners = new Set(v.owners);
	if (present) owners.add(owner);
	else owners.delete(owner);
	return { ...v, owners };
};

export async function userScopeChanged(tx: Db, change: UserScopeChange): Promise<void> {
	// Rewrites rows of many customers: wait for the pushes in flight (they hold the gate
	// shared and may hold those rows), keep new ones out, then take positions directly.
	await lockWriters(tx);
	await lockFeed(tx);
	const { userId } = change;
	if (change.role !== change.previousRole) {
		const after = await loadViewer(tx, { id: userId, role: change.role });
		const before = await loadViewer(tx, { id: userId, role: change.previousRole });
		await viewerChanged(tx, before, after);
	}
	if (change.managerId !== change.previousManagerId) {
		for (const [managerId, gains] of [
			[change.previousManagerId, false],
			[change.managerId, true]
		] as const) {
			if (!managerId) continue;
			const rows = await tx.query.users.findFirst({ where: (u, { eq }) => eq(u.id, managerId) });
			if (!rows || rows.role === 'admin') continue;
			const now = await loadViewer(tx, { id: managerId, role: rows.role });
			await viewerChanged(tx, withOwner(now, userId, !gains), withOwner(now, userId, gains));
		}
	}
	await notifyFeed(tx, 'scope');
}
