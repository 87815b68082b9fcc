/** What every request handler can reach: the app's dependencies and the signed-in user. */
import type { Database } from '../db/client';
import type { PublicUser } from '../auth/user';

export interface AppDeps {
	database: Database;
	/** The server's clock (tests pass their own). */
	now: () => number;
	/** Where the built app lives (served with SPA fallback); absent in API-only tests. */
	staticDir?: string;
	corsOrigins?: string[];
	version: string;
}

export interface AppEnv {
	Variables: {
		deps: AppDeps;
		user: PublicUser;
		token: string;
	};
}
