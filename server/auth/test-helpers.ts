/** Test helpers for the accounts API: JSON requests with a bearer token, and a set-up admin. */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/types';

type App = Hono<AppEnv>;

export interface CallOptions {
	token?: string;
	/** The socket address the request seems to come from. */
	address?: string;
	headers?: Record<string, string>;
	/** A raw body sent as is (for malformed or huge bodies). */
	raw?: string;
}

/** Calls `app` as a client would; `body` is sent as JSON unless `raw` is given. */
export function call(
	app: App,
	method: string,
	path: string,
	body?: unknown,
	opts: CallOptions = {}
) {
	const headers: Record<string, string> = { ...opts.headers };
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;
	let payload: string | undefined = opts.raw;
	if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
	if (payload !== undefined) headers['content-type'] ??= 'application/json';
	const env = { incoming: { socket: { remoteAddress: opts.address ?? '127.0.0.1' } } };
	return app.request(path, { method, headers, body: payload }, env);
}

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

/** Runs setup and answers the admin's token and user. */
export async function setUpAdmin(app: App) {
	const res = await call(app, 'POST', '/api/setup', ADMIN);
	if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
	return (await res.json()) as { token: string; user: { id: string } };
}

/** Creates a user as `adminToken` and signs them in. */
export async function addUser(
	app: App,
	adminToken: string,
	user: {
		username: string;
		role: 'admin' | 'manager' | 'rep';
		managerId?: string | null;
		password?: string;
	}
) {
	const password = user.password ?? `${user.username}-password`;
	const created = await call(
		app,
		'POST',
		'/api/users',
		{ ...user, password },
		{ token: adminToken }
	);
	if (created.status !== 201)
		throw new Error(`create failed: ${created.status} ${await created.text()}`);
	const { user: row } = (await created.json()) as { user: { id: string } };
	const login = await call(app, 'POST', '/api/auth/login', { username: user.username, password });
	const { token } = (await login.json()) as { token: string };
	return { id: row.id, token, password };
}

/** Expects the DESIGN.md error shape and answers its code. */
export async function errorCode(res: Response): Promise<string> {
	const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
	if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
		throw new Error(`not the error shape: ${JSON.stringify(body)}`);
	}
	return body.error.code;
}
