/** Moments as people read them in the current language. */
export function formatMoment(at: number, locale: string | null | undefined): string {
	return new Intl.DateTimeFormat(locale ?? 'en', {
		dateStyle: 'medium',
		timeStyle: 'short'
	}).format(at);
}

export function formatCount(n: number, locale: string | null | undefined): string {
	return new Intl.NumberFormat(locale ?? 'en').format(n);
}
