/**
 * The device's position for check-ins and addresses, with failures turned into i18n keys
 * a person can act on (allow location, go outside, try again).
 */

export interface Position {
	lat: number;
	lng: number;
	accuracy: number;
}

export type GeoProblem = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class GeoError extends Error {
	constructor(public readonly problem: GeoProblem) {
		super(`geolocation ${problem}`);
	}

	/** The i18n key explaining the problem (in `fields.geo`). */
	get messageKey(): string {
		return `fields.geo.${this.problem}`;
	}
}

/** Maps a GeolocationPositionError code (1 denied, 2 unavailable, 3 timeout). */
export function geoProblemOf(code: number): GeoProblem {
	return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable';
}

/** One position fix, rounded to 6 decimals (~0.1 m). Rejects with GeoError. */
export function currentPosition(
	geo: Geolocation | undefined = globalThis.navigator?.geolocation,
	timeout = 15_000
): Promise<Position> {
	return new Promise((resolve, reject) => {
		if (!geo) return reject(new GeoError('unsupported'));
		geo.getCurrentPosition(
			(p) =>
				resolve({
					lat: Math.round(p.coords.latitude * 1e6) / 1e6,
					lng: Math.round(p.coords.longitude * 1e6) / 1e6,
					accuracy: Math.round(p.coords.accuracy)
				}),
			(err) => reject(new GeoError(geoProblemOf(err.code))),
			{ enableHighAccuracy: true, timeout, maximumAge: 60_000 }
		);
	});
}
