/** Placeholder router: replaced by the setup work in this session. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

export function setupRoutes() {
	return new Hono<AppEnv>();
}
