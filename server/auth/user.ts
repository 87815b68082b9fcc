/** A user as the API shows it (never with a password hash), and the roles. */
import { z } from 'zod';

export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

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
	.min(3, 'Username needs at least 3 characters')
	.max(40, 'Username is at most 40 characters')
	.regex(/^[a-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore');

export const passwordSchema = z
	.string()
	.min(8, 'Password needs at least 8 characters')
	.max(200, 'Password is at most 200 characters');

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
		.max(40, 'Username is at most 40 characters'),
	password: z.string().min(1, 'Enter a password').max(200, 'Password is at most 200 characters')
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
