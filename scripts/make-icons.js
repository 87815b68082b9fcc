// Draws Fieldbook's app icons (a book on the brand colour) pixel by pixel and writes PNGs
// with node:zlib, so no image tools are needed. Run: npm run icons (output in static/).
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BRAND = [0x0f, 0x6b, 0x5c];
const PAPER = [0xf6, 0xf7, 0xf5];
const ACCENT = [0xf2, 0xb1, 0x34];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([len, body, crc]);
}

/** Encodes an RGBA pixel buffer (size × size × 4) as a PNG file. */
export function encodePng(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type RGBA
	const raw = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0; // filter: none
		rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** Inside a rounded rectangle (coordinates in 0..1 units of the icon). */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
	if (x < x0 || x > x1 || y < y0 || y > y1) return false;
	const cx = Math.min(Math.max(x, x0 + r), x1 - r);
	const cy = Math.min(Math.max(y, y0 + r), y1 - r);
	return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * The colour at (u, v) in 0..1: a rounded brand square (full bleed when maskable, so the
 * mask crops only background) holding an open book with a bookmark.
 */
function colourAt(u, v, maskable) {
	const inset = maskable ? 0.2 : 0.1; // maskable keeps the drawing in the safe zone
	const bg = maskable || inRoundRect(u, v, 0, 0, 1, 1, 0.22);
	if (!bg) return null;
	const s = (t) => inset + t * (1 - 2 * inset);
	const left = inRoundRect(u, v, s(0.12), s(0.2), s(0.48), s(0.82), 0.02);
	const right = inRoundRect(u, v, s(0.52), s(0.2), s(0.88), s(0.82), 0.02);
	const mark =
		u >= s(0.66) && u <= s(0.76) && v >= s(0.2) && v <= s(0.5) - Math.abs(u - s(0.71)) * 0.8;
	if (mark) return ACCENT;
	if (left || right) {
		const line = [0.34, 0.44, 0.54, 0.64].some((l) => Math.abs(v - s(l)) < 0.008);
		const inText = (u > s(0.18) && u < s(0.42)) || (u > s(0.58) && u < s(0.82));
		return line && inText ? BRAND.map((c) => Math.round(c * 0.5 + 0xf6 * 0.5)) : PAPER;
	}
	return BRAND;
}

/** Renders one icon with 4×4 supersampling for smooth edges. */
export function renderIcon(size, maskable = false) {
	const rgba = Buffer.alloc(size * size * 4);
	const n = 4;
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			let r = 0,
				g = 0,
				b = 0,
				a = 0;
			for (let sy = 0; sy < n; sy++) {
				for (let sx = 0; sx < n; sx++) {
					const c = colourAt((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size, maskable);
					if (!c) continue;
					r += c[0];
					g += c[1];
					b += c[2];
					a += 1;
				}
			}
			const i = (y * size + x) * 4;
			rgba[i] = a ? Math.round(r / a) : 0;
			rgba[i + 1] = a ? Math.round(g / a) : 0;
			rgba[i + 2] = a ? Math.round(b / a) : 0;
			rgba[i + 3] = Math.round((a / (n * n)) * 255);
		}
	}
	return encodePng(size, rgba);
}

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="#0f6b5c"/>
<rect x="12" y="15" width="19" height="35" rx="1.5" fill="#f6f7f5"/>
<rect x="33" y="15" width="19" height="35" rx="1.5" fill="#f6f7f5"/>
<path d="M42 15h6v17l-3-3-3 3z" fill="#f2b134"/>
</svg>
`;

function main() {
	const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'static');
	const files = {
		'icons/icon-192.png': renderIcon(192),
		'icons/icon-512.png': renderIcon(512),
		'icons/maskable-512.png': renderIcon(512, true),
		// iOS draws its own rounded corners and shows transparency as black: fill the square.
		'icons/apple-touch-icon.png': renderIcon(180, true),
		'favicon.svg': FAVICON
	};
	for (const [name, data] of Object.entries(files)) {
		const path = join(root, name);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, data);
		console.log(`wrote static/${name} (${data.length} bytes)`);
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
