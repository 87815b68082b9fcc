/** Short messages at the bottom of the screen, optionally with one action (Undo). */
export interface Toast {
	id: number;
	message: string;
	actionLabel?: string;
	action?: () => void | Promise<void>;
}

class Toasts {
	#items = $state<Toast[]>([]);
	#next = 1;

	get items(): Toast[] {
		return this.#items;
	}

	/** Shows a message for `ms` milliseconds (undo toasts stay longer). */
	show(
		message: string,
		opts: { actionLabel?: string; action?: () => void | Promise<void>; ms?: number } = {}
	) {
		const id = this.#next++;
		this.#items = [
			...this.#items,
			{ id, message, actionLabel: opts.actionLabel, action: opts.action }
		];
		setTimeout(() => this.dismiss(id), opts.ms ?? (opts.action ? 8000 : 3000));
		return id;
	}

	dismiss(id: number) {
		this.#items = this.#items.filter((t) => t.id !== id);
	}
}

export const toasts = new Toasts();
