import { describe, expect, it } from 'vitest';
import { FormState } from './form.svelte';
import { ValidationError } from '$lib/db/records';

describe('form state', () => {
	it('shows an error only once its field was left, or after submit', async () => {
		let errors: Record<string, string> = { name: 'err.required', 'phones.0': 'err.phone' };
		const form = new FormState(() => errors);
		expect(form.error('name')).toBeUndefined();
		form.blur('name');
		expect(form.error('name')).toBe('err.required');
		expect(form.error('phones.0')).toBeUndefined();
		let saved = false;
		expect(await form.submit(async () => (saved = true))).toBe(false);
		expect(saved).toBe(false);
		expect(form.error('phones.0')).toBe('err.phone');
		errors = {};
		expect(await form.submit(async () => (saved = true))).toBe(true);
		expect(saved).toBe(true);
		expect(form.error('name')).toBeUndefined();
	});

	it('clears fixed errors while typing but adds none before blur', () => {
		let errors: Record<string, string> = { name: 'err.required' };
		const form = new FormState(() => errors);
		form.blur('name');
		errors = { email: 'err.email' };
		form.input();
		expect(form.error('name')).toBeUndefined();
		form.blur('email');
		expect(form.error('email')).toBe('err.email');
	});

	it('maps schema paths to input names', () => {
		const form = new FormState(
			() => ({ 'address.text': 'err.tooLong' }),
			(p) => (p === 'address.text' ? 'addressText' : p)
		);
		form.blur('addressText');
		expect(form.error('addressText')).toBe('err.tooLong');
	});

	it('shows errors thrown while saving at their fields, other failures as one message', async () => {
		const form = new FormState(() => ({}));
		expect(
			await form.submit(async () =>
				Promise.reject(new ValidationError({ amount: 'err.amountMismatch' }))
			)
		).toBe(false);
		expect(form.error('amount')).toBe('err.amountMismatch');
		const quiet = console.error;
		console.error = () => {};
		expect(await form.submit(async () => Promise.reject(new Error('QuotaExceededError')))).toBe(
			false
		);
		console.error = quiet;
		expect(form.failure).toBe('fields.saveFailed');
		expect(form.saving).toBe(false);
	});
});
