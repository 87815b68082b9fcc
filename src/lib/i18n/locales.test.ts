import { get } from 'svelte/store';
import { dictionary, format, locale } from 'svelte-i18n';
import { describe, expect, it, vi } from 'vitest';
import { byArea, type Messages } from './areas';
import en from './locales/en';
import zhCN from './locales/zh-CN';
import { chooseLocale, preferredLocale, setupI18n } from './index';

/** Every message key, dotted (`customers.title`). */
function keysOf(messages: Messages, prefix = ''): string[] {
	return Object.entries(messages).flatMap(([k, v]) =>
		typeof v === 'string' ? [prefix + k] : keysOf(v, `${prefix}${k}.`)
	);
}

describe('locale messages', () => {
	it('gathers every area file of a locale under its area name', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
		for (const area of ['common', 'customers', 'err', 'today', 'settings']) {
			expect(Object.keys(en)).toContain(area);
		}
		expect(byArea({ './en/a.json': { x: 'X' }, './en/b.json': { y: { z: 'Z' } } })).toEqual({
			a: { x: 'X' },
			b: { y: { z: 'Z' } }
		});
	});

	it('has exactly the same keys in English and Chinese, so no fallback language is needed', () => {
		const enKeys = keysOf(en).sort();
		const zhKeys = keysOf(zhCN).sort();
		expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
		expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
		expect(enKeys.length).toBeGreaterThan(100);
	});

	it('has no empty message', () => {
		const empty = (m: Messages, p = ''): string[] =>
			Object.entries(m).flatMap(([k, v]) =>
				typeof v === 'string' ? (v.trim() ? [] : [p + k]) : empty(v, `${p}${k}.`)
			);
		expect(empty(en)).toEqual([]);
		expect(empty(zhCN)).toEqual([]);
	});
});

describe('preferredLocale', () => {
	it('takes a saved choice, else follows the browser', () => {
		expect(preferredLocale('en', 'zh-CN')).toBe('en');
		expect(preferredLocale('zh-CN', 'en-US')).toBe('zh-CN');
		expect(preferredLocale(null, 'zh-TW')).toBe('zh-CN');
		expect(preferredLocale('fr', 'en-GB')).toBe('en');
		expect(preferredLocale(null, undefined)).toBe('en');
	});
});

/** The messages svelte-i18n holds for a locale (an empty dictionary when not loaded). */
const loaded = (l: string) => (get(dictionary)[l] ?? {}) as Messages;

describe('loading messages', () => {
	it('loads only the language shown, and the other one when chosen', async () => {
		const stored = new Map([['fieldbook.locale', 'zh-CN']]);
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => stored.get(k) ?? null,
			setItem: (k: string, v: string) => void stored.set(k, v)
		});
		try {
			await setupI18n(); // the saved choice: Chinese
			expect(get(locale)).toBe('zh-CN');
			expect(keysOf(loaded('zh-CN')).length).toBe(keysOf(zhCN).length);
			expect(keysOf(loaded('en'))).toEqual([]);
			expect(get(format)('common.loading')).toBe((zhCN.common as Messages).loading);

			await chooseLocale('en');
			expect(get(locale)).toBe('en');
			expect(stored.get('fieldbook.locale')).toBe('en');
			expect(keysOf(loaded('en')).length).toBe(keysOf(en).length);
			expect(get(format)('common.loading')).toBe((en.common as Messages).loading);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
