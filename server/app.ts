/**
 * Builds the HTTP app from its dependencies, so tests make a fresh one and call
 * `app.request(...)` with no port. Routes live one folder per resource under routes/.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, errorBody, sendError } from './http/errors';
import type { AppDeps, AppEnv } from './http/types';
import { healthRoutes } from './routes/health/index';
import { setupRoutes } from './routes/setup/index';
import { authRoutes, meRoutes } from './routes/auth/index';
import { createSignInLimits } from './http/rate-limit';
import { usersRoutes } from './routes/users/index';
import { teamRoutes } from './routes/team/index';
import { syncRoutes } from './routes/sync/index';
import { historyRoutes } from './routes/history/index';
import { staticRoutes } from './routes/static/index';

/** Request bodies above this answer 413 (DESIGN.md). */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps): Hono<AppEnv> {
	const app = new Hono<AppEnv>();
	const signInLimits = createSignInLimits(deps.now, deps.signInLimit);
	const corsOrigins = new Set(deps.corsOrigins ?? []);
	const allowListedOrigin = cors({
		origin: (origin) => (corsOrigins.has(origin) ? origin : null),
		allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
		allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
		exposeHeaders: ['Retry-After'],
		maxAge: 600
	});

	app.use('*', async (c, next) => {
		c.set('deps', deps);
		await next();
	});
	app.use(
		'*',
		secureHeaders({
			contentSecurityPolicy: {
				defaultSrc: ["'self'"],
				scriptSrc: ["'self'", "'unsafe-inline'"],
				styleSrc: ["'self'", "'unsafe-inline'"],
				imgSrc: ["'self'", 'data:', 'blob:'],
				connectSrc: ["'self'"],
				workerSrc: ["'self'", 'blob:'],
				manifestSrc: ["'self'"],
				objectSrc: ["'none'"],
				frameAncestors: ["'none'"],
				baseUri: ["'self'"]
			},
			crossOriginEmbedderPolicy: false
		})
	);
	// Strict CORS: no CORS headers at all unless the Origin is listed in CORS_ORIGINS.
	app.use('/api/*', (c, next) => {
		const origin = c.req.header('origin');
		return origin && corsOrigins.has(origin) ? allowListedOrigin(c, next) : next();
	});
	app.use(
		'/api/*',
		bodyLimit({
			maxSize: MAX_BODY_BYTES,
			onError: (c) =>
				c.json(errorBody('payload_too_large', 'The request body is larger than 1 MiB.'), 413)
		})
	);

	app.route('/api/health', healthRoutes());
	app.route('/api/setup', setupRoutes(signInLimits));
	app.route('/api/auth', authRoutes(signInLimits));
	app.route('/api/users', usersRoutes());
	app.route('/api/me', meRoutes());
	app.route('/api/team', teamRoutes());
	app.route('/api/sync', syncRoutes());
	app.route('/api/history', historyRoutes());

	app.all('/api/*', (c) =>
		c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404)
	);
	if (deps.staticDir) app.route('/', staticRoutes(deps.staticDir));

	app.onError((err, c) => {
		if (err instanceof ApiError) return sendError(c, err);
		console.error(err);
		return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
	});
	return app;
}
