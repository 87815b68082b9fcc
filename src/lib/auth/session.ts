/**
 * The signed-in session kept on the device (token and user), so the app opens offline for
 * a signed-in user. Also remembers the last user, so the sign-in page can say whose
 * unsynced changes are kept.
 */
import * as z from 'zod/mini';
import { publicUserSchema, type PublicUser } from './public-user';

const SESSION_KEY = 'fieldbook.session';

export const storedSessionSchema = z.object({
	token: z.string().check(z.minLength(1)),
	user: publicUserSchema
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): KeyValue | undefined {
	try {
		return typeof localStorage === 'undefined' ? undefined : localStorage;
	} catch {
		return undefined;
	}
}

/** The stored session, or undefined when none (or when what is stored is not one). */
export function loadSession(store: KeyValue | undefined = storage()): StoredSession | undefined {
	const raw = store?.getItem(SESSION_KEY);
	if (!raw) return undefined;
	try {
		const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

export function saveSession(session: { token: string; user: PublicUser }, store = storage()): void {
	store?.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(store = storage()): void {
	store?.removeItem(SESSION_KEY);
}
