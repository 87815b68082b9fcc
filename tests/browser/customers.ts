/** Customer steps through the pages, by the labels DESIGN.md promises ("New customer", "Name", "Save"…). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openApp } from './harness';

export interface CustomerFields {
	name: string;
	company?: string;
	phone?: string;
	email?: string;
	notes?: string;
}

const LABELS: Record<keyof CustomerFields, string> = {
	name: 'Name',
	company: 'Company',
	phone: 'Phone',
	email: 'Email',
	notes: 'Notes'
};

/** Creates a customer from the list's "New customer" link and waits until it is saved. */
export async function createCustomer(page: Page, fields: CustomerFields): Promise<void> {
	await openApp(page, '/customers');
	const newCustomer = page
		.getByRole('link', { name: 'New customer' })
		.or(page.getByRole('button', { name: 'New customer' }));
	await newCustomer.first().click();
	await page.waitForURL('**/customers/new');
	for (const [key, value] of Object.entries(fields) as [
		keyof CustomerFields,
		string | undefined
	][]) {
		if (value !== undefined) await page.getByLabel(LABELS[key], { exact: true }).fill(value);
	}
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await page.waitForURL((url) => !url.pathname.endsWith('/customers/new'));
}

/** The customer list, opened fresh (a full navigation, answered by the service worker when offline). */
export async function openCustomerList(page: Page): Promise<void> {
	await openApp(page, '/customers');
}

/** Waits until `name` is listed; fails with what the page shows instead. */
export async function expectListed(page: Page, name: string): Promise<void> {
	await expect
		.poll(() => page.getByText(name).count(), {
			timeout: 15_000,
			message: `"${name}" should be listed`
		})
		.toBeGreaterThan(0);
}

export async function expectNotListed(page: Page, name: string): Promise<void> {
	await expect
		.poll(() => page.getByText(name).count(), {
			timeout: 15_000,
			message: `"${name}" should not be listed`
		})
		.toBe(0);
}
