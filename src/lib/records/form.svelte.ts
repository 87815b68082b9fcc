/**
 * Form state shared by every record form: field errors shown after a field was left
 * (blur) or the form was submitted, and a save that turns a ValidationError into them.
 *
 * Usage: `const form = new FormState(() => checkRecord('orders', toInput(draft)))`;
 * `error={form.error('amount')}` and `onblur={() => form.blur('amount')}` on fields;
 * `<form oninput={() => form.input()}>` to clear fixed errors while typing;
 * `await form.submit(() => save())` on submit (returns false when invalid), or
 * `const saved = await form.save(() => saveRecord(...))` (undefined when not saved).
 */
import { ValidationError, type FieldErrors } from '$lib/db/records';

export class FormState {
	#errors = $state.raw<FieldErrors>({});
	#touched = $state.raw<Record<string, true>>({});
	#submitted = $state(false);
	#saving = $state(false);
	#failure = $state<string | undefined>(undefined);
	#check: () => FieldErrors;
	#mapPath: (path: string) => string;

	/** `check` returns the current draft's errors; `mapPath` maps schema paths to input names. */
	constructor(check: () => FieldErrors, mapPath: (path: string) => string = (p) => p) {
		this.#check = check;
		this.#mapPath = mapPath;
	}

	#map(errors: FieldErrors): FieldErrors {
		const out: FieldErrors = {};
		for (const [path, key] of Object.entries(errors)) out[this.#mapPath(path)] ??= key;
		return out;
	}

	/** The i18n key of the error to show at `path`, if any. */
	error(path: string): string | undefined {
		return this.#submitted || this.#touched[path] ? this.#errors[path] : undefined;
	}

	/** Every error currently shown (e.g. for an error summary). */
	get shown(): FieldErrors {
		return this.#submitted ? this.#errors : {};
	}

	get saving(): boolean {
		return this.#saving;
	}

	/** An i18n key for a failure that is not one field's (storage full, record gone). */
	get failure(): string | undefined {
		return this.#failure;
	}

	/** A field was left: check the draft and show that field's error. */
	blur(path: string): void {
		this.#touched = { ...this.#touched, [path]: true };
		this.#errors = this.#map(this.#check());
	}

	/**
	 * While typing: clears errors that are fixed, never adds new ones (those wait for blur
	 * or submit), so a message disappears as soon as the field is right.
	 */
	input(): void {
		if (!Object.keys(this.#errors).length) return;
		const now = this.#map(this.#check());
		const kept: FieldErrors = {};
		for (const path of Object.keys(this.#errors)) if (now[path]) kept[path] = now[path];
		this.#errors = kept;
	}

	/** Checks again (e.g. after a list item was removed) without marking anything touched. */
	recheck(): void {
		if (this.#submitted || Object.keys(this.#touched).length)
			this.#errors = this.#map(this.#check());
	}

	/**
	 * Validates and, when valid, runs `save`. A ValidationError from `save` shows at the
	 * fields; other errors become `failure`. Resolves true when saved.
	 */
	async submit(save: () => Promise<unknown>): Promise<boolean> {
		this.#submitted = true;
		this.#failure = undefined;
		this.#errors = this.#map(this.#check());
		if (Object.keys(this.#errors).length) return false;
		this.#saving = true;
		try {
			await save();
			return true;
		} catch (e) {
			if (e instanceof ValidationError) {
				this.#errors = this.#map(e.fields);
			} else {
				this.#failure = 'fields.saveFailed';
				console.error(e);
			}
			return false;
		} finally {
			this.#saving = false;
		}
	}

	/**
	 * Like `submit`, answering what `save` returned (undefined when invalid or failed) and
	 * moving focus to the first field in error, so a keyboard or screen-reader user lands on it.
	 */
	async save<T>(save: () => Promise<T>): Promise<T | undefined> {
		let saved: T | undefined;
		const ok = await this.submit(async () => {
			saved = await save();
		});
		if (!ok && typeof document !== 'undefined') {
			document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
		return ok ? saved : undefined;
	}
}
