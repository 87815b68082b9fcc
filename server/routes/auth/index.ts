/** Placeholder router: replaced by the auth work in this session. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

export function authRoutes() {
	return new Hono<AppEnv>();
}
authRoutes.me = () => new Hono<AppEnv>();
