/**
 * User Timing marks the benchmarks read (`npm run bench`), and the signal that a page has
 * painted its first content, so work that can wait (sync) starts after it.
 */

let contentPainted: () => void = () => {};
const firstContent = new Promise<void>((resolve) => (contentPainted = resolve));

/** Sets the mark `name` unless this page load has it already. */
export function markOnce(name: string): void {
	if (typeof performance === 'undefined') return;
	if (!performance.getEntriesByName(name, 'mark').length) performance.mark(name);
}

/** Marks a page's first content (rows in the DOM) and lets deferred work start. */
export function markContentPainted(name: string): void {
	markOnce(name);
	contentPainted();
}

/**
 * Resolves a frame after a page marked its first content, or after `maxWaitMs` on pages
 * that mark none.
 */
export function afterFirstContent(maxWaitMs = 3000): Promise<void> {
	const timeout = new Promise<void>((resolve) => setTimeout(resolve, maxWaitMs));
	return Promise.race([firstContent, timeout]).then(
		() =>
			new Promise<void>((resolve) =>
				typeof requestAnimationFrame === 'undefined'
					? resolve()
					: requestAnimationFrame(() => setTimeout(resolve, 0))
			)
	);
}
