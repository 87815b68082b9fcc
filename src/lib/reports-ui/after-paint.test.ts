import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from './after-paint';

/** A frame clock under the test's control: `paint()` runs the frame callbacks queued so far. */
function fakeFrames() {
	const callbacks = new Map<number, FrameRequestCallback>();
	let next = 1;
	vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
		callbacks.set(next, cb);
		return next++;
	});
	vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
	return {
		pending: () => callbacks.size,
		paint() {
			const due = [...callbacks.values()];
			callbacks.clear();
			for (const cb of due) cb(performance.now());
		}
	};
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('afterNextPaint', () => {
	it('resolves only in a task after the next frame', async () => {
		vi.useFakeTimers();
		const frames = fakeFrames();
		let done = false;
		void afterNextPaint().then(() => (done = true));
		await vi.advanceTimersByTimeAsync(50);
		expect(done).toBe(false); // no frame yet
		frames.paint();
		await Promise.resolve();
		expect(done).toBe(false); // the frame itself is not enough: a task after it
		await vi.advanceTimersByTimeAsync(0);
		expect(done).toBe(true);
	});

	it('rejects when aborted before the frame, and cancels the frame', async () => {
		const frames = fakeFrames();
		const controller = new AbortController();
		const waiting = afterNextPaint(controller.signal);
		expect(frames.pending()).toBe(1);
		controller.abort();
		await expect(waiting).rejects.toThrow('cancelled');
		expect(frames.pending()).toBe(0);
	});

	it('rejects at once when already aborted', async () => {
		fakeFrames();
		const controller = new AbortController();
		controller.abort();
		await expect(afterNextPaint(controller.signal)).rejects.toThrow('cancelled');
	});

	it('resolves at once where there are no frames (Node)', async () => {
		await expect(afterNextPaint()).resolves.toBeUndefined();
	});
});
