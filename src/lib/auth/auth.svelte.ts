/**
 * Who is signed in on this device, as a rune. Sign-in, first-run setup and sign-out talk
 * to the API; the session itself lives in localStorage so the app opens offline.
 */
import * as z from 'zod/mini';
import { api, ApiFailure } from './api';
import { clearSession, loadSession, saveSession, type StoredSession } from './session';
import { publicUserSchema, type PublicUser } from './public-user';

// zod/mini, as in public-user.ts: this module is on every page before its first paint.
const sessionAnswer = z.object({ token: z.string().check(z.minLength(1)), user: publicUserSchema });
const setupAnswer = z.object({ needed: z.boolean() });

class Auth {
	#session = $state.raw<StoredSession | undefined>(loadSession());
	#ended = $state(false);

	get user(): PublicUser | undefined {
		return this.#session?.user;
	}

	get token(): string | undefined {
		return this.#session?.token;
	}

	get isAdmin(): boolean {
		return this.#session?.user.role === 'admin';
	}

	/** True after the server refused the stored session (revoked or expired). */
	get sessionEnded(): boolean {
		return this.#ended;
	}

	/** Whether the server still needs its first admin (GET /api/setup). */
	async setupNeeded(): Promise<boolean> {
		return (await api('/api/setup', setupAnswer)).needed;
	}

	async signIn(username: string, password: string): Promise<PublicUser> {
		const answer = await api('/api/auth/login', sessionAnswer, {
			method: 'POST',
			body: { username: username.trim(), password }
		});
		return this.#adopt(answer);
	}

	/** Creates the first admin and signs in as them. */
	async setup(username: string, password: string): Promise<PublicUser> {
		const answer = await api('/api/setup', sessionAnswer, {
			method: 'POST',
			body: { username: username.trim(), password }
		});
		return this.#adopt(answer);
	}

	/** Forgets the session on this device; tells the server when it can be reached. */
	async signOut(): Promise<void> {
		const token = this.token;
		this.#forget();
		if (!token) return;
		await api('/api/auth/logout', z.unknown(), { method: 'POST', token }).catch((e) => {
			if (!(e instanceof ApiFailure)) throw e;
		});
	}

	/** The server answered 401: the session is over, the local database stays. */
	expire(): void {
		if (!this.#session) return;
		this.#forget();
		this.#ended = true;
	}

	/** Refreshes the user (role, name) from GET /api/me; a 401 ends the session. */
	async refresh(): Promise<void> {
		const token = this.token;
		if (!token) return;
		try {
			const { user } = await api('/api/me', z.object({ user: publicUserSchema }), { token });
			if (this.token === token) this.#adopt({ token, user });
		} catch (e) {
			if (e instanceof ApiFailure && e.status === 401) this.expire();
		}
	}

	#adopt(session: StoredSession): PublicUser {
		saveSession(session);
		this.#session = session;
		this.#ended = false;
		return session.user;
	}

	#forget(): void {
		clearSession();
		this.#session = undefined;
	}
}

export const auth = new Auth();
