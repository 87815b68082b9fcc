/**
 * Failed-attempt limits for sign-in and setup (never sync): at most `max` failures per key
 * in a sliding window, kept in this process's memory. Several processes each keep their own.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from './errors';

export interface LimitOptions {
	max: number;
	windowMs: number;
}

export const SIGN_IN_LIMIT: LimitOptions = { max: 10, windowMs: 15 * 60 * 1000 };

/** Counts failures per key; `retryAfterMs(key)` > 0 means the key must wait. */
export class FailureLimiter {
	readonly #failures = new Map<string, number[]>();

	constructor(
		readonly options: LimitOptions,
		private readonly now: () => number
	) {}

	#recent(key: string, now: number): number[] {
		const since = now - this.options.windowMs;
		const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
		if (kept.length) this.#failures.set(key, kept);
		else this.#failures.delete(key);
		return kept;
	}

	/** Milliseconds until `key` may try again; 0 when it may try now. */
	retryAfterMs(key: string): number {
		const now = this.now();
		const recent = this.#recent(key, now);
		if (recent.length < this.options.max) return 0;
		return Math.max(1, recent[recent.length - this.options.max] + this.options.windowMs - now);
	}

	fail(key: string): void {
		const now = this.now();
		const recent = this.#recent(key, now);
		recent.push(now);
		this.#failures.set(key, recent.slice(-this.options.max));
		if (this.#failures.size > 50_000) this.#sweep(now);
	}

	reset(key: string): void {
		this.#failures.delete(key);
	}

	#sweep(now: number) {
		for (const key of [...this.#failures.keys()]) this.#recent(key, now);
	}
}

/** The limiters sign-in and setup share: one per client address, one per username. */
export interface SignInLimits {
	address: FailureLimiter;
	username: FailureLimiter;
}

export function createSignInLimits(now: () => number, options = SIGN_IN_LIMIT): SignInLimits {
	return { address: new FailureLimiter(options, now), username: new FailureLimiter(options, now) };
}

/**
 * The client's address: the socket's, or with `trustProxy` the last X-Forwarded-For entry
 * (the one our own proxy added; earlier entries are whatever the client claimed).
 */
export function clientAddress(c: Context, trustProxy = false): string {
	if (trustProxy) {
		const forwarded = c.req
			.header('x-forwarded-for')
			?.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		if (forwarded?.length) return forwarded[forwarded.length - 1];
	}
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

/** Throws 429 with Retry-After when any of `checks` ([limiter, key]) is over its limit. */
export function assertNotLimited(c: Context, checks: [FailureLimiter, string][]): void {
	const waitMs = Math.max(0, ...checks.map(([limiter, key]) => limiter.retryAfterMs(key)));
	if (waitMs === 0) return;
	const seconds = Math.ceil(waitMs / 1000);
	c.header('Retry-After', String(seconds));
	throw new ApiError(
		429,
		'rate_limited',
		`Too many failed attempts. Try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`
	);
}
