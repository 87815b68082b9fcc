/** Starts Fieldbook's server: the built app and the API on one port. */
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createApp } from './app';
import { openDatabase } from './db/client';
import { readEnv } from './env';

const env = readEnv();
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const database = await openDatabase({
	url: env.DATABASE_URL,
	dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR
});
const app = createApp({
	database,
	now: () => Date.now(),
	staticDir: env.STATIC_DIR,
	corsOrigins: env.CORS_ORIGINS,
	trustProxy: env.TRUST_PROXY,
	version
});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
	console.log(
		`Fieldbook on http://localhost:${info.port} (database: ${database.kind}${database.kind === 'pglite' ? ' in ' + env.DATA_DIR : ''})`
	);
});

async function shutdown() {
	server.close();
	await database.close();
	process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
