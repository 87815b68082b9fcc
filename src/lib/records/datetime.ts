/** Moments (epoch ms) ↔ the `datetime-local` input's value, in the device's time zone. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` for an input, '' for no moment. */
export function toLocalInput(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms)) return '';
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Epoch ms of an input's value; undefined when empty. An unreadable value is returned as
 * NaN so the schema reports it at the field instead of it silently disappearing.
 */
export function fromLocalInput(value: string): number | undefined {
	const v = value.trim();
	if (!v) return undefined;
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
	if (!m) return Number.NaN;
	const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
	const date = new Date(y, mo - 1, d, h, mi, s);
	return date.getMonth() === mo - 1 ? date.getTime() : Number.NaN;
}
