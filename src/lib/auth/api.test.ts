import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, ApiFailure, failureKey, toApiFailure } from './api';
import { loadSession, saveSession, clearSession } from './session';

function fakeFetch(status: number, body: unknown): typeof fetch {
	return (async () =>
		new Response(body === undefined ? null : JSON.stringify(body), { status })) as typeof fetch;
}

describe('auth client errors', () => {
	it('reads the error shape with zod issues as field errors', () => {
		const f = toApiFailure(400, {
			error: {
				code: 'invalid_input',
				message: 'Invalid body',
				issues: [
					{ path: ['username'], code: 'too_small', message: 'Username needs at least 3 characters' }
				]
			}
		});
		expect(f.code).toBe('invalid_input');
		expect(f.fields).toEqual({ username: 'Username needs at least 3 characters' });
		expect(failureKey(f)).toBe('auth.err.invalid');
	});

	it('maps statuses to words by context', () => {
		expect(failureKey(new ApiFailure(401, 'unauthorized', ''), 'signIn')).toBe(
			'auth.err.badCredentials'
		);
		expect(failureKey(new ApiFailure(401, 'unauthorized', ''))).toBe('auth.err.sessionEnded');
		expect(failureKey(new ApiFailure(409, 'already_set_up', ''), 'setup')).toBe(
			'auth.err.alreadySetUp'
		);
		expect(failureKey(new ApiFailure(429, 'rate_limited', ''), 'signIn')).toBe(
			'auth.err.rateLimited'
		);
		expect(failureKey(new ApiFailure(0, 'network', ''))).toBe('auth.err.network');
		expect(failureKey(new ApiFailure(503, 'x', ''))).toBe('auth.err.server');
		expect(failureKey(new Error('boom'))).toBe('auth.err.unexpected');
	});

	it('turns a body that is not the error shape into a plain status failure', () => {
		const f = toApiFailure(502, '<html>Bad gateway</html>');
		expect(f.status).toBe(502);
		expect(f.fields).toEqual({});
	});

	it('sends the bearer token and parses answers with a schema', async () => {
		let seen: Headers | undefined;
		const fetch = (async (_: RequestInfo | URL, init?: RequestInit) => {
			seen = new Headers(init?.headers);
			return new Response(JSON.stringify({ needed: true }), { status: 200 });
		}) as typeof globalThis.fetch;
		const out = await api('/api/setup', z.object({ needed: z.boolean() }), { token: 't0k', fetch });
		expect(out.needed).toBe(true);
		expect(seen?.get('authorization')).toBe('Bearer t0k');
	});

	it('throws ApiFailure for error answers, unreachable servers and wrong shapes', async () => {
		const schema = z.object({ ok: z.boolean() });
		const e401 = await api('/x', schema, {
			fetch: fakeFetch(401, { error: { code: 'unauthorized', message: 'no' } })
		}).catch((e) => e);
		expect(e401).toBeInstanceOf(ApiFailure);
		expect(e401.status).toBe(401);
		const down = await api('/x', schema, {
			fetch: (async () => {
				throw new TypeError('Failed to fetch');
			}) as typeof fetch
		}).catch((e) => e);
		expect(down.offline).toBe(true);
		const odd = await api('/x', schema, { fetch: fakeFetch(200, { ok: 'yes' }) }).catch((e) => e);
		expect(odd.code).toBe('bad_answer');
	});
});

describe('stored session', () => {
	const store = new Map<string, string>();
	const kv = {
		getItem: (k: string) => store.get(k) ?? null,
		setItem: (k: string, v: string) => void store.set(k, v),
		removeItem: (k: string) => void store.delete(k)
	};
	const user = {
		id: 'u1',
		username: 'ann',
		displayName: 'Ann',
		role: 'rep' as const,
		managerId: null
	};

	it('keeps token and user, and forgets them', () => {
		saveSession({ token: 'abc', user }, kv);
		expect(loadSession(kv)).toEqual({ token: 'abc', user });
		clearSession(kv);
		expect(loadSession(kv)).toBeUndefined();
	});

	it('ignores what is not a session', () => {
		store.set('fieldbook.session', '{"token":1}');
		expect(loadSession(kv)).toBeUndefined();
		store.set('fieldbook.session', 'not json');
		expect(loadSession(kv)).toBeUndefined();
	});
});
