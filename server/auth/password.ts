/**
 * Password hashing with scrypt (memory-hard, built into Node): encoded as
 * `scrypt$N$r$p$salt$hash` so parameters can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
	// scrypt needs 128·N·r bytes; allow twice that so Node's 32 MiB default is no limit.
	const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

/** A fresh salted hash of `password`, encoded with its parameters. */
export async function hashPassword(password: string): Promise<string> {
	const { N, r, p } = SCRYPT_PARAMS;
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, N, r, p);
	return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `encoded`; compares in constant time, false on any malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
	const parts = encoded.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [N, r, p] = parts.slice(1, 4).map(Number);
	if (
		![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) ||
		N > 2 ** 20 ||
		r > 32 ||
		p > 16
	) {
		return false;
	}
	const salt = Buffer.from(parts[4], 'base64url');
	const expected = Buffer.from(parts[5], 'base64url');
	if (expected.length !== KEY_BYTES) return false;
	const key = await derive(password, salt, N, r, p);
	return timingSafeEqual(key, expected);
}

/**
 * Spends the same work as a real check and answers false: used for unknown usernames, so
 * the response time does not tell which usernames exist.
 */
export async function dummyVerify(password: string): Promise<false> {
	const { N, r, p } = SCRYPT_PARAMS;
	const key = await derive(password, randomBytes(SALT_BYTES), N, r, p);
	timingSafeEqual(key, randomBytes(KEY_BYTES));
	return false;
}
