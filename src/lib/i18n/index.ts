/**
 * Languages: Simplified Chinese and English with svelte-i18n. Messages live in
 * `locales/<locale>/<area>.json`; each area file is a namespace (`customers.json` →
 * `$_('customers.title')`), so features keep their words beside each other.
 *
 * Each language is its own chunk (`locales/<locale>.ts`), registered with a loader: a
 * device downloads and parses only the language it shows. The other loads when chosen
 * in Settings (the service worker precaches both, so that works offline). Both languages
 * have exactly the same keys (`locales.test.ts`), so no fallback language is needed:
 * the fallback is the language being shown, which keeps svelte-i18n from loading a
 * second one alongside it.
 */
import { getLocaleFromNavigator, init, locale, register, waitLocale } from 'svelte-i18n';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'fieldbook.locale';

register('zh-CN', () => import('./locales/zh-CN'));
register('en', () => import('./locales/en'));

/** The locale to use: the saved choice, else the browser's language. */
export function preferredLocale(
	saved: string | null,
	navigatorLocale: string | null | undefined
): Locale {
	if (saved === 'en' || saved === 'zh-CN') return saved;
	return navigatorLocale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function saved(): string | null {
	try {
		return localStorage.getItem(STORAGE_KEY);
	} catch {
		return null;
	}
}

/**
 * Starts svelte-i18n in the preferred language. Its messages load asynchronously:
 * `$isLoading` is true until they are in (the layout renders nothing meanwhile), and
 * the returned promise resolves then.
 */
export function setupI18n(): Promise<void> {
	const initial = preferredLocale(
		typeof localStorage === 'undefined' ? null : saved(),
		typeof navigator === 'undefined' ? 'en' : getLocaleFromNavigator()
	);
	// The fallback is the initial language itself: with another one svelte-i18n would load
	// both languages' messages at start.
	void init({ fallbackLocale: initial, initialLocale: initial });
	if (typeof document !== 'undefined') document.documentElement.lang = initial;
	return waitLocale(initial);
}

/**
 * Switches the language and remembers the choice on this device. The new language's
 * messages are loaded first, so the page switches at once (never shows a loading state).
 */
export async function chooseLocale(next: Locale): Promise<void> {
	try {
		localStorage.setItem(STORAGE_KEY, next);
	} catch {
		/* private mode: the choice lasts for this visit */
	}
	await waitLocale(next);
	await locale.set(next);
	if (typeof document !== 'undefined') document.documentElement.lang = next;
}
