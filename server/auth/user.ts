/** A user as the API shows it (never with a password hash), and the roles. */
import { z } from 'zod';
import { PASSWORD, ROLES, USERNAME, type Role } from '#domain/account';

export { ROLES, type Role };

export interface PublicUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	managerId: string | null;
}

export const usernameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.min(USERNAME.min, `Username needs at least ${USERNAME.min} characters`)
	.max(USERNAME.max, `Username is at most ${USERNAME.max} characters`)
	.regex(USERNAME.pattern, 'Use letters, digits, dot, dash or underscore');

export const passwordSchema = z
	.string()
	.min(PASSWORD.min, `Password needs at least ${PASSWORD.min} characters`)
	.max(PASSWORD.max, `Password is at most ${PASSWORD.max} characters`);

export const roleSchema = z.enum(ROLES, 'Role must be admin, manager or rep');
export const displayNameSchema = z
	.string()
	.trim()
	.min(1, 'Display name cannot be empty')
	.max(80, 'Display name is at most 80 characters');
const userIdRef = z.string().min(1).max(64);

/** Sign-in and setup: `{username, password}` (the username is matched case-insensitively). */
export const credentialsSchema = z.object({
	username: z
		.string()
		.trim()
		.toLowerCase()
		.min(1, 'Enter a username')
		.max(USERNAME.max, `Username is at most ${USERNAME.max} characters`),
	password: z
		.string()
		.min(1, 'Enter a password')
		.max(PASSWORD.max, `Password is at most ${PASSWORD.max} characters`)
});

export const setupSchema = z.object({ username: usernameSchema, password: passwordSchema });

export const newUserSchema = z.object({
	username: usernameSchema,
	password: passwordSchema,
	role: roleSchema,
	managerId: userIdRef.nullish(),
	displayName: displayNameSchema.optional()
});

export const userPatchSchema = z.object({
	displayName: displayNameSchema.optional(),
	password: passwordSchema.optional(),
	role: roleSchema.optional(),
	managerId: userIdRef.nullable().optional(),
	disabled: z.boolean().optional()
});

/** What an admin sees of a user: the public user plus whether it is disabled. */
export interface AdminUser extends PublicUser {
	disabled: boolean;
}

interface UserRow {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	managerId: string | null;
	disabled?: boolean;
}

export function toPublicUser(row: UserRow): PublicUser {
	return {
		id: row.id,
		username: row.username,
		displayName: row.displayName,
		role: row.role,
		managerId: row.managerId
	};
}

export function toAdminUser(row: UserRow & { disabled: boolean }): AdminUser {
	return { ...toPublicUser(row), disabled: row.disabled };
}
