import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { clientAddress, FailureLimiter } from './rate-limit';

describe('FailureLimiter', () => {
	it('blocks a key after max failures in the window, and frees it as failures age out', () => {
		let now = 1_000_000;
		const limiter = new FailureLimiter({ max: 3, windowMs: 10_000 }, () => now);
		limiter.fail('a');
		now += 1000;
		limiter.fail('a');
		expect(limiter.retryAfterMs('a')).toBe(0);
		now += 1000;
		limiter.fail('a');
		expect(limiter.retryAfterMs('a')).toBe(8000);
		expect(limiter.retryAfterMs('b')).toBe(0);
		now += 8000;
		expect(limiter.retryAfterMs('a')).toBe(0);
		limiter.fail('a');
		expect(limiter.retryAfterMs('a')).toBe(1000);
	});

	it('forgets a key on reset', () => {
		const limiter = new FailureLimiter({ max: 1, windowMs: 10_000 }, () => 5);
		limiter.fail('a');
		expect(limiter.retryAfterMs('a')).toBeGreaterThan(0);
		limiter.reset('a');
		expect(limiter.retryAfterMs('a')).toBe(0);
	});
});

describe('clientAddress', () => {
	const addressOf = async (
		trustProxy: boolean,
		headers: Record<string, string>,
		socket?: string
	) => {
		const app = new Hono().get('/', (c) => c.text(clientAddress(c, trustProxy)));
		const env = socket ? { incoming: { socket: { remoteAddress: socket } } } : {};
		return (await app.request('/', { headers }, env)).text();
	};

	it('uses the socket and ignores X-Forwarded-For unless the proxy is trusted', async () => {
		expect(await addressOf(false, { 'x-forwarded-for': '1.1.1.1' }, '10.0.0.5')).toBe('10.0.0.5');
		expect(await addressOf(true, { 'x-forwarded-for': '6.6.6.6, 1.1.1.1' }, '10.0.0.5')).toBe(
			'1.1.1.1'
		);
		expect(await addressOf(true, {}, '10.0.0.5')).toBe('10.0.0.5');
	});

	it('answers "unknown" when there is no socket', async () => {
		expect(await addressOf(false, {})).toBe('unknown');
	});
});
