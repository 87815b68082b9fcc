/** Placeholder router: replaced by the sync work in this session. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

export function syncRoutes() {
	return new Hono<AppEnv>();
}
