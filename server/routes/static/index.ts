/** Placeholder: serves the built app (replaced by the static-serving work). */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types';

export function staticRoutes(_dir: string) {
	return new Hono<AppEnv>();
}
