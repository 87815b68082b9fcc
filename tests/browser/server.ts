/**
 * Starts the real Fieldbook server (`tsx server/main.ts`, as `npm start` runs it, without
 * rebuilding) on a free port with a fresh data directory, for browser tests and benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ServerOptions {
	/** PostgreSQL instead of PGlite (a fresh PGlite directory is used otherwise). */
	databaseUrl?: string;
	/** Extra environment for the server process. */
	env?: Record<string, string>;
	/** A fixed port (a free one otherwise): a kept browser profile's origin includes it. */
	port?: number;
	/** A data directory to use and keep (a fresh one, removed on stop, otherwise). */
	dataDir?: string;
}

export interface RunningServer {
	baseURL: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const srv = createServer();
		srv.once('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => ok(port));
		});
	});
}

async function waitForHealth(
	baseURL: string,
	child: ChildProcess,
	output: () => string
): Promise<void> {
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(
				`The server exited with code ${child.exitCode} before it was healthy:\n${output()}`
			);
		}
		try {
			const res = await fetch(baseURL + '/api/health');
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`The server did not answer /api/health within 90 s:\n${output()}`);
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
	const staticDir = join(ROOT, 'build');
	if (!existsSync(join(staticDir, 'sw.js'))) {
		throw new Error('build/sw.js is missing: run `npm run build` first (npm test does).');
	}
	const port = opts.port ?? (await freePort());
	const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fieldbook-test-'));
	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		STATIC_DIR: staticDir,
		LOG_LEVEL: 'silent',
		...opts.env
	};
	delete env.DATABASE_URL;
	if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
	const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	// A test run that dies must not leave its server running.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	let log = '';
	const collect = (chunk: Buffer) => {
		log = (log + chunk.toString()).slice(-8000);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const baseURL = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		process.off('exit', killOnExit);
		if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		await waitForHealth(baseURL, child, () => log);
	} catch (err) {
		await stop();
		throw err;
	}
	return { baseURL, port, dataDir, stop };
}
