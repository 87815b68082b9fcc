/**
 * Contact actions for a customer: numbers shown the way people read them, and links for
 * calling, mailing and maps (the device's map app via `geo:`, or a web map search).
 * Nothing here loads anything; links open only when tapped.
 */
import type { Customer } from '$lib/domain/customer';

/** `+8613800138000` → `138 0013 8000`; landlines with their area code; other numbers as stored (E.164 reads everywhere). */
export function formatPhone(e164: string): string {
	const cn = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(e164);
	if (cn) return `${cn[1]} ${cn[2]} ${cn[3]}`;
	// Area codes: 10 and 2x have two digits, the rest three.
	const cnLand = /^\+86([12]\d|[3-9]\d{2})(\d{7,8})$/.exec(e164);
	if (cnLand) return `0${cnLand[1]} ${cnLand[2]}`;
	return e164;
}

export function telHref(phone: string): string {
	return 'tel:' + phone.replace(/[^\d+]/g, '');
}

export function mailHref(email: string): string {
	return 'mailto:' + encodeURIComponent(email).replace(/%40/g, '@');
}

export interface MapLinks {
	/** Opens the phone's map app (Android, and iOS apps that register `geo:`). */
	geo: string;
	/** A web map search, for desktops and phones without a map app. */
	web: string;
}

/** Map links for an address, or undefined when the customer has none. `chinese` picks a web map that covers China well. */
export function mapLinks(address: Customer['address'], chinese = false): MapLinks | undefined {
	if (!address?.text && address?.lat === undefined) return undefined;
	const q = encodeURIComponent(address.text);
	const hasPos = address.lat !== undefined && address.lng !== undefined;
	const geo = hasPos ? `geo:${address.lat},${address.lng}?q=${q}` : `geo:0,0?q=${q}`;
	let web: string;
	if (chinese) {
		web = hasPos
			? `https://uri.amap.com/marker?position=${address.lng},${address.lat}&name=${q}`
			: `https://uri.amap.com/search?keyword=${q}`;
	} else {
		web = hasPos
			? `https://www.openstreetmap.org/?mlat=${address.lat}&mlon=${address.lng}#map=17/${address.lat}/${address.lng}`
			: `https://www.openstreetmap.org/search?query=${q}`;
	}
	return { geo, web };
}
