/**
 * Reading the phone's position for a check-in, with a time limit and a reason a person can
 * act on when it fails (permission denied, no fix, too slow, not supported).
 */
export type PositionFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export interface Fix {
	lat: number;
	lng: number;
	/** Metres, as the device reports it. */
	accuracy: number;
}

export type PositionResult = { ok: true; fix: Fix } | { ok: false; reason: PositionFailure };

/** Maps a GeolocationPositionError code (1 denied, 2 unavailable, 3 timeout) to a reason. */
export function failureOf(code: number): PositionFailure {
	return code === 1 ? 'denied' : code === 3 ? 'timeout' : 'unavailable';
}

/** Asks the device for one position; never rejects. */
export function currentPosition(
	geolocation: Geolocation | undefined = globalThis.navigator?.geolocation,
	timeoutMs = 15_000
): Promise<PositionResult> {
	if (!geolocation) return Promise.resolve({ ok: false, reason: 'unsupported' });
	return new Promise((resolve) => {
		geolocation.getCurrentPosition(
			(p) =>
				resolve({
					ok: true,
					fix: { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) }
				}),
			(e) => resolve({ ok: false, reason: failureOf(e.code) }),
			{ enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 }
		);
	});
}
