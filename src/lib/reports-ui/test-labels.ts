/** Labels for tests: keys and raw values, so assertions read what a view asked for. */
import type { Labels } from './model';

export const testLabels: Labels = {
	t: (key, values) => (values ? `${key}${JSON.stringify(values)}` : key),
	number: (n, format) => `${format}:${n}`,
	compact: (n, format) => `~${format}:${n}`,
	date: (t) => new Date(t).toISOString().slice(0, 10),
	owner: (id) => `owner:${id}`,
	customer: (id) => `name:${id}`
};
