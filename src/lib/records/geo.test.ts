import { describe, expect, it } from 'vitest';
import { currentPosition, GeoError } from './geo';

function fakeGeo(outcome: {
	coords?: { latitude: number; longitude: number; accuracy: number };
	code?: number;
}): Geolocation {
	return {
		getCurrentPosition(ok: PositionCallback, fail?: PositionErrorCallback | null) {
			if (outcome.coords) ok({ coords: outcome.coords, timestamp: 0 } as GeolocationPosition);
			else fail?.({ code: outcome.code ?? 2, message: '' } as GeolocationPositionError);
		}
	} as unknown as Geolocation;
}

describe('device position', () => {
	it('rounds a fix to six decimals and whole metres', async () => {
		const p = await currentPosition(
			fakeGeo({ coords: { latitude: 31.23456789, longitude: 121.4, accuracy: 12.6 } })
		);
		expect(p).toEqual({ lat: 31.234568, lng: 121.4, accuracy: 13 });
	});

	it.each([
		[1, 'denied'],
		[2, 'unavailable'],
		[3, 'timeout']
	])('turns error code %i into %s with a message key', async (code, problem) => {
		const err = await currentPosition(fakeGeo({ code })).catch((e) => e);
		expect(err).toBeInstanceOf(GeoError);
		expect(err.problem).toBe(problem);
		expect(err.messageKey).toBe(`fields.geo.${problem}`);
	});

	it('says when the device has no geolocation', async () => {
		const err = await currentPosition(undefined).catch((e) => e);
		expect(err.problem).toBe('unsupported');
	});
});
