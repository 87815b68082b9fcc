/** Placeholder router: replaced by the history work in this session. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

export function historyRoutes() {
	return new Hono<AppEnv>();
}
