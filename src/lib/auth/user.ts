/**
 * A user as the API shows it, and the sign-in / setup / user-admin form rules. The server
 * checks the same limits (server/auth/user.ts); these give errors at the field first.
 */
import { z } from 'zod';

export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

export const publicUserSchema = z.object({
	id: z.string().min(1),
	username: z.string().min(1),
	displayName: z.string(),
	role: z.enum(ROLES),
	managerId: z.string().nullable(),
	disabled: z.boolean().optional()
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const usernameField = z
	.string()
	.trim()
	.toLowerCase()
	.min(3, 'auth.err.usernameShort')
	.max(40, 'auth.err.usernameLong')
	.regex(/^[a-z0-9._-]+$/, 'auth.err.usernameChars');

export const passwordField = z
	.string()
	.min(8, 'auth.err.passwordShort')
	.max(200, 'auth.err.passwordLong');

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
