import { describe, expect, it } from 'vitest';
import { acceptedEncodings, isCompressible } from './policy';

describe('acceptedEncodings', () => {
	it('prefers brotli, then gzip, among what the request accepts', () => {
		expect(acceptedEncodings('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
		expect(acceptedEncodings('gzip')).toEqual(['gzip']);
		expect(acceptedEncodings('deflate')).toEqual([]);
		expect(acceptedEncodings(undefined)).toEqual([]);
		expect(acceptedEncodings('')).toEqual([]);
	});

	it('honours q-values, q=0 refusing a coding, and the wildcard', () => {
		expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toEqual(['gzip']);
		expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
		expect(acceptedEncodings('*;q=0, gzip')).toEqual(['gzip']);
		expect(acceptedEncodings('BR; Q=1')).toEqual(['br']);
		expect(acceptedEncodings('gzip;q=abc')).toEqual([]);
	});
});

describe('isCompressible', () => {
	it('is true for text types and false for binary ones', () => {
		for (const t of ['text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'application/json; charset=utf-8', 'application/manifest+json; charset=utf-8', 'image/svg+xml']) {
			expect([t, isCompressible(t)]).toEqual([t, true]);
		}
		for (const t of ['image/png', 'font/woff2', 'application/wasm', 'application/octet-stream']) {
			expect([t, isCompressible(t)]).toEqual([t, false]);
		}
	});
});
