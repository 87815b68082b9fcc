/** The words and number formats of report views, for one locale (Intl under the hood). */
import type { Labels, NumberFormat } from './model';

export type Translate = (
	key: string,
	options?: { values?: Record<string, string | number> }
) => string;

/**
 * Labels for `locale`: counts grouped, money in CNY, shares as percentages, hours and
 * ratings with one decimal. `owner`/`customer` name people from their ids.
 */
export function makeLabels(
	translate: Translate,
	locale: string,
	owner: (id: string) => string,
	customer: (id: string) => string
): Labels {
	const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
	const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });
	const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
	const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
	const short = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
	const shortMoney = new Intl.NumberFormat(locale, {
		notation: 'compact',
		style: 'currency',
		currency: 'CNY',
		minimumFractionDigits: 0,
		maximumFractionDigits: 1
	});
	const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
	const t: Labels['t'] = (key, values) => translate(key, values ? { values } : undefined);
	const formats: Record<NumberFormat, (n: number) => string> = {
		count: (n) => count.format(n),
		money: (n) => money.format(n),
		percent: (n) => percent.format(n),
		hours: (n) => t('reports.hours', { n: decimal.format(n) }),
		rating: (n) => decimal.format(n)
	};
	return {
		t,
		number: (n, format) => formats[format](n),
		compact: (n, format) =>
			format === 'money'
				? shortMoney.format(n)
				: format === 'count'
					? short.format(n)
					: formats[format](n),
		date: (ms) => day.format(ms),
		owner,
		customer
	};
}
