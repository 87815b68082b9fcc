/**
 * Resolves once the next frame has been painted (a task after its animation frame), or at
 * once where there are no frames (tests in Node); rejects when `signal` aborts first.
 * For work that must not hold up what the page is about to show (a dashboard's secondary
 * figures after its key figures).
 */
export function afterNextPaint(signal?: AbortSignal): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		if (signal?.aborted) return reject(new Error('cancelled'));
		if (typeof requestAnimationFrame === 'undefined') return resolve();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const frame = requestAnimationFrame(() => {
			timer = setTimeout(done, 0);
		});
		const abort = () => {
			cancelAnimationFrame(frame);
			if (timer !== undefined) clearTimeout(timer);
			reject(new Error('cancelled'));
		};
		function done() {
			signal?.removeEventListener('abort', abort);
			resolve();
		}
		signal?.addEventListener('abort', abort, { once: true });
	});
}
