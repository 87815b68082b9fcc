/** Vitest glue: one harness (server + Chromium) per test file. */
import { afterAll, beforeAll } from 'vitest';
import { startHarness, type Harness } from './harness';
import type { ServerOptions } from './server';

/**
 * Starts a harness before the file's tests and closes it after; call at the top of a test
 * file and read `.current` inside tests.
 */
export function useHarness(opts: ServerOptions = {}): { readonly current: Harness } {
	let harness: Harness | undefined;
	beforeAll(async () => {
		harness = await startHarness(opts);
	});
	afterAll(async () => {
		await harness?.close();
	});
	return {
		get current() {
			if (!harness) throw new Error('The harness is not started (use it inside a test).');
			return harness;
		}
	};
}
