/** Placeholder router: replaced by the users work in this session. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

export function usersRoutes() {
	return new Hono<AppEnv>();
}
