/**
 * Ties the signed-in user to their local database and replication: opening one user's
 * database closes the previous one first, and signing out keeps the database (with its
 * unsynced changes) for that user's next sign-in.
 */
import { auth } from '$lib/auth/auth.svelte';
import { current } from '$lib/db/current.svelte';
import { startSync, stopSync, syncingFor } from './engine';

let chain: Promise<void> = Promise.resolve();

/** Makes the app use `userId`'s database with sync running, or none when undefined. */
export function followUser(userId: string | undefined): Promise<void> {
	chain = chain
		.then(() => switchTo(userId))
		.catch((e) => console.error('Could not open the local database', e));
	return chain;
}

async function switchTo(userId: string | undefined): Promise<void> {
	if (userId && syncingFor() === userId && current.userId === userId && current.db) return;
	await stopSync();
	if (!userId) return current.close();
	const db = await current.open(userId);
	if (auth.user?.id === userId) startSync(db, userId);
}

/** Signs out on this device; the local database and its waiting changes stay. */
export async function signOutKeepingChanges(): Promise<void> {
	await followUser(undefined);
	await auth.signOut();
}
