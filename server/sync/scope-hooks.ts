/**
 * Hooks the accounts code calls when who-can-see-what changes (a rep's manager or role
 * changed). The sync work implements them so the change feed re-sends records to users
 * who gained access and tombstones to those who lost it, in the same transaction.
 */
import type { Db } from '../db/client';

export interface UserScopeChange {
	userId: string;
	previousManagerId: string | null;
	managerId: string | null;
	previousRole: 'admin' | 'manager' | 'rep';
	role: 'admin' | 'manager' | 'rep';
	at: number;
}

export async function userScopeChanged(_tx: Db, _change: UserScopeChange): Promise<void> {}
