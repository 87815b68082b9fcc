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

export function toPublicUser(row: {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	managerId: string | null;
}): PublicUser {
	return {
		id: row.id,
		username: row.username,
		displayName: row.displayName,
		role: row.role,
		managerId: row.managerId
	};
}
