/** What every request handler can reach: the app's dependencies and the signed-in user. */
import type { Database } from '../db/client';
import type { PublicUser } from '../auth/user';
import type { LimitOptions } from './rate-limit';

export interface AppDeps {
	database: Database;
	/** The server's clock (tests pass their own). */
	now: () => number;
	/** Where the built app lives (served with SPA fallback); absent in API-only tests. */
	staticDir?: string;
	corsOrigins?: string[];
	/** Read the client address from X-Forwarded-For (only behind a proxy you run). */
	trustProxy?: boolean;
	/** Failed sign-in/setup attempts allowed per address and per username (default 10 / 15 min). */
	signInLimit?: LimitOptions;
	version: string;
	/** Milliseconds between SSE heartbeat comments on sync streams (default 20 000; tests pass less). */
	syncHeartbeatMs?: number;
}

export interface AppEnv {
	Variables: {
		deps: AppDeps;
		user: PublicUser;
		token: string;
	};
}
