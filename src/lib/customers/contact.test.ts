import { describe, expect, it } from 'vitest';
import { formatPhone, mailHref, mapLinks, telHref } from './contact';

describe('contact actions', () => {
	it('formats numbers the way people read them', () => {
		expect(formatPhone('+8613800138000')).toBe('138 0013 8000');
		expect(formatPhone('+861012345678')).toBe('010 12345678');
		expect(formatPhone('+442079460958')).toBe('+442079460958');
	});

	it('makes call and mail links', () => {
		expect(telHref('+86 138-0013-8000')).toBe('tel:+8613800138000');
		expect(mailHref('a.b+c@example.com')).toBe('mailto:a.b%2Bc@example.com');
	});

	it('links a position to the map app and a web map', () => {
		const links = mapLinks({ text: '南京路 1 号', lat: 31.2, lng: 121.5 });
		expect(links?.geo).toBe('geo:31.2,121.5?q=%E5%8D%97%E4%BA%AC%E8%B7%AF%201%20%E5%8F%B7');
		expect(links?.web).toContain('mlat=31.2&mlon=121.5');
		expect(mapLinks({ text: '南京路 1 号', lat: 31.2, lng: 121.5 }, true)?.web).toContain(
			'position=121.5,31.2'
		);
	});

	it('searches by address text without a position, and gives nothing without an address', () => {
		expect(mapLinks({ text: '10 Downing St' })?.geo).toBe('geo:0,0?q=10%20Downing%20St');
		expect(mapLinks({ text: '10 Downing St' })?.web).toContain('search?query=10%20Downing%20St');
		expect(mapLinks(undefined)).toBeUndefined();
	});
});
