/**
 * A user as the API shows it. With `zod/mini` (functions instead of methods, so only what
 * is used is bundled): the stored session is read with it before the first page paints,
 * and full zod would add ≈ 24 KiB gzipped to that page. `user.ts` re-exports it.
 */
import * as z from 'zod/mini';
import { ROLES } from '$lib/domain/account';

export const publicUserSchema = z.object({
	id: z.string().check(z.minLength(1)),
	username: z.string().check(z.minLength(1)),
	displayName: z.string(),
	role: z.enum(ROLES),
	managerId: z.nullable(z.string()),
	disabled: z.optional(z.boolean())
});
export type PublicUser = z.infer<typeof publicUserSchema>;
