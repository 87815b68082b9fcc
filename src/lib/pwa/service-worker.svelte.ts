/**
 * The service worker seen from the page: registers `/sw.js` with workbox-window, notices a
 * new version waiting, and activates it on request. Also asks once for persistent storage.
 * Never runs under `vite dev` (there is no service worker there).
 */
import type { Workbox } from 'workbox-window';

class ServiceWorkerState {
	#waiting = $state(false);
	#registered = $state(false);
	#wb: Workbox | undefined;
	#started = false;

	/** True when a new version is installed and waits for the user to reload. */
	get updateWaiting(): boolean {
		return this.#waiting;
	}

	get registered(): boolean {
		return this.#registered;
	}

	/** Registers the worker (once per page); safe to call from any component. */
	async start(): Promise<void> {
		if (this.#started || import.meta.env.DEV || typeof navigator === 'undefined') return;
		this.#started = true;
		void requestPersistentStorage();
		if (!('serviceWorker' in navigator)) return;
		const { Workbox } = await import('workbox-window');
		const wb = new Workbox('/sw.js');
		wb.addEventListener('waiting', () => (this.#waiting = true));
		this.#wb = wb;
		try {
			await wb.register();
			this.#registered = true;
		} catch (err) {
			console.warn(
				'Fieldbook: the service worker could not be registered; offline use is off.',
				err
			);
		}
	}

	/** Activates the waiting version and reloads once it controls the page. */
	applyUpdate(): void {
		const wb = this.#wb;
		if (!wb) return;
		wb.addEventListener('controlling', () => window.location.reload());
		wb.messageSkipWaiting();
	}
}

/** Asks the browser not to evict IndexedDB under storage pressure (once per page load). */
async function requestPersistentStorage(): Promise<boolean> {
	try {
		if (!navigator.storage?.persist) return false;
		if (await navigator.storage.persisted()) return true;
		return await navigator.storage.persist();
	} catch {
		return false;
	}
}

export const serviceWorker = new ServiceWorkerState();
