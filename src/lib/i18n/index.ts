/**
 * Languages: Simplified Chinese and English with svelte-i18n. Messages live in
 * `locales/<locale>/<area>.json`; each area file is a namespace (`customers.json` →
 * `$_('customers.title')`), so features keep their words beside each other.
 */
import { addMessages, getLocaleFromNavigator, init, locale } from 'svelte-i18n';

type Dictionary = Parameters<typeof addMessages>[1];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'fieldbook.locale';

const files = import.meta.glob<Dictionary>('./locales/*/*.json', {
	eager: true,
	import: 'default'
});

for (const [path, messages] of Object.entries(files)) {
	const [, loc, area] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
	if (loc && area) addMessages(loc, { [area]: messages });
}

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

export function setupI18n(): void {
	const initial = preferredLocale(
		typeof localStorage === 'undefined' ? null : saved(),
		typeof navigator === 'undefined' ? 'en' : getLocaleFromNavigator()
	);
	init({ fallbackLocale: 'en', initialLocale: initial });
	if (typeof document !== 'undefined') document.documentElement.lang = initial;
}

/** Switches the language and remembers the choice on this device. */
export function chooseLocale(next: Locale): void {
	locale.set(next);
	try {
		localStorage.setItem(STORAGE_KEY, next);
	} catch {
		/* private mode: the choice lasts for this visit */
	}
	if (typeof document !== 'undefined') document.documentElement.lang = next;
}
