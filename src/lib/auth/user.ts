/**
 * A user as the API shows it, and the sign-in / setup / user-admin form rules. The server
 * checks the same limits (server/auth/user.ts); these give errors at the field first.
 */
import { z } from 'zod';
import { PASSWORD, ROLES, USERNAME, type Role } from '$lib/domain/account';
import type { PublicUser } from './public-user';

export { ROLES, type Role };
export { publicUserSchema, type PublicUser } from './public-user';

export const usernameField = z
	.string()
	.trim()
	.toLowerCase()
	.min(USERNAME.min, 'auth.err.usernameShort')
	.max(USERNAME.max, 'auth.err.usernameLong')
	.regex(USERNAME.pattern, 'auth.err.usernameChars');

export const passwordField = z
	.string()
	.min(PASSWORD.min, 'auth.err.passwordShort')
	.max(PASSWORD.max, 'auth.err.passwordLong');

export const signInForm = z.object({
	username: z.string().trim().min(1, 'err.required'),
	password: z.string().min(1, 'err.required')
});

export const setupForm = z
	.object({ username: usernameField, password: passwordField, confirm: z.string() })
	.refine((f) => f.password === f.confirm, { path: ['confirm'], message: 'auth.err.confirm' });

/** A user's name for people: the display name, else the username. */
export function nameOf(user: Pick<PublicUser, 'displayName' | 'username'>): string {
	return user.displayName.trim() || user.username;
}
