/**
 * Team members' names for report owners: `GET /api/team` (the users in the caller's
 * scope), kept in localStorage per signed-in user so names show offline too.
 */
import { z } from 'zod';
import { api, type ApiRequest } from '$lib/auth/api';
import { nameOf, publicUserSchema, type PublicUser } from '$lib/auth/user';

export const teamAnswerSchema = z.object({ users: z.array(publicUserSchema) });
export type TeamMember = PublicUser;

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;
const cacheKey = (userId: string) => `fieldbook.team.${userId}`;

function storage(): KeyValue | undefined {
	try {
		return typeof localStorage === 'undefined' ? undefined : localStorage;
	} catch {
		return undefined;
	}
}

/** The team last fetched by `userId` on this device; [] when none (or unreadable). */
export function loadCachedTeam(userId: string, store = storage()): TeamMember[] {
	try {
		const parsed = teamAnswerSchema.safeParse(JSON.parse(store?.getItem(cacheKey(userId)) ?? ''));
		return parsed.success ? parsed.data.users : [];
	} catch {
		return [];
	}
}

export function saveCachedTeam(userId: string, users: TeamMember[], store = storage()): void {
	try {
		store?.setItem(cacheKey(userId), JSON.stringify({ users }));
	} catch {
		/* storage full or private mode: names fall back to short ids */
	}
}

/** Fetches the caller's team; throws ApiFailure (status 0 offline). */
export async function fetchTeam(
	token: string | undefined,
	req: Pick<ApiRequest, 'fetch' | 'signal'> = {}
): Promise<TeamMember[]> {
	return (await api('/api/team', teamAnswerSchema, { token, ...req })).users;
}

/** A person's name for an owner id: display name, username, else the id's first 8 characters. */
export function ownerName(
	id: string,
	people: readonly Pick<PublicUser, 'id' | 'displayName' | 'username'>[]
): string {
	const person = people.find((p) => p.id === id);
	return person ? nameOf(person) : id.length > 8 ? id.slice(0, 8) : id;
}

/**
 * The owner ids a report may be narrowed to. A rep always sees their own numbers only; a
 * manager or admin sees everyone on the device ("the team") or the one member they picked.
 */
export function ownerScope(
	user: Pick<PublicUser, 'id' | 'role'> | undefined,
	picked: string
): string[] {
	if (!user) return [];
	if (user.role === 'rep') return [user.id];
	return picked ? [picked] : [];
}

/** True when the user sees the team and a per-rep breakdown (managers and admins). */
export function seesTeam(user: Pick<PublicUser, 'role'> | undefined): boolean {
	return user?.role === 'manager' || user?.role === 'admin';
}
