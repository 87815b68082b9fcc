/** The user admin's calls (GET/POST /api/users, PATCH /api/users/:id) and its form rules. */
import { z } from 'zod';
import { api } from './api';
import { passwordField, publicUserSchema, usernameField, type Role } from './user';

const adminUserSchema = z.object({
	...publicUserSchema.shape,
	disabled: z.boolean().default(false)
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const newUserForm = z
	.object({
		username: usernameField,
		displayName: z.string().trim().max(80, 'auth.err.displayNameLong'),
		password: passwordField,
		role: z.enum(['manager', 'rep'], 'err.choice'),
		managerId: z.string()
	})
	.transform((f) => ({
		username: f.username,
		password: f.password,
		role: f.role as Role,
		displayName: f.displayName || undefined,
		managerId: f.role === 'rep' && f.managerId ? f.managerId : null
	}));
export type NewUser = z.output<typeof newUserForm>;

export interface UserPatch {
	managerId?: string | null;
	disabled?: boolean;
	role?: Role;
	displayName?: string;
}

export async function listUsers(token: string | undefined): Promise<AdminUser[]> {
	return (await api('/api/users', z.object({ users: z.array(adminUserSchema) }), { token })).users;
}

export async function createUser(token: string | undefined, user: NewUser): Promise<AdminUser> {
	const answer = await api('/api/users', z.object({ user: adminUserSchema }), {
		method: 'POST',
		body: user,
		token
	});
	return answer.user;
}

export async function patchUser(
	token: string | undefined,
	id: string,
	patch: UserPatch
): Promise<AdminUser> {
	const answer = await api(
		`/api/users/${encodeURIComponent(id)}`,
		z.object({ user: adminUserSchema }),
		{
			method: 'PATCH',
			body: patch,
			token
		}
	);
	return answer.user;
}
