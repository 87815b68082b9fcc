/**
 * Serves the built app from `dir` with the caching in policy.ts, and the app shell
 * (index.html, never cached long) for any other extension-less path: the SPA fallback.
 * Without a build it answers a plain page saying how to make one.
 */
import { Hono, type Context } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppEnv } from '../../http/types';
import {
	acceptedEncodings,
	cacheControlOf,
	contentTypeOf,
	ENCODING_SUFFIX,
	isAppRoute,
	isCompressible,
	NO_CACHE,
	resolveInside
} from './policy';

const NO_BUILD = `<!doctype html><meta charset="utf-8"><title>Fieldbook: no build</title>
<p>The app has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload.</p>`;

async function fileInfo(file: string) {
	try {
		const s = await stat(file);
		return s.isFile() ? s : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The file to send for `file`: its precompressed variant (`.br`, `.gz`, written by the build)
 * when the type compresses, the request accepts it and it is not older than the file; else
 * the file itself.
 */
async function pickVariant(c: Context, file: string, type: string) {
	const info = await fileInfo(file);
	if (!info) return undefined;
	if (isCompressible(type)) {
		c.header('Vary', 'Accept-Encoding');
		for (const encoding of acceptedEncodings(c.req.header('accept-encoding'))) {
			const variant = file + ENCODING_SUFFIX[encoding];
			const variantInfo = await fileInfo(variant);
			// A variant older than its file is stale (the file was rewritten after the build).
			if (variantInfo && variantInfo.mtimeMs >= info.mtimeMs) {
				return { path: variant, info: variantInfo, encoding };
			}
		}
	}
	return { path: file, info, encoding: undefined };
}

async function sendFile(c: Context, file: string, rel: string, cacheControl: string) {
	const type = contentTypeOf(rel);
	const chosen = await pickVariant(c, file, type);
	if (!chosen) return undefined;
	const { path, info, encoding } = chosen;
	const tag = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}`;
	const etag = `W/"${tag}"`;
	c.header('Cache-Control', cacheControl);
	c.header('ETag', etag);
	c.header('Content-Type', type);
	if (encoding) c.header('Content-Encoding', encoding);
	if (c.req.header('if-none-match') === etag) return c.body(null, 304);
	return c.body(new Uint8Array(await readFile(path)), 200);
}

const notFoundPage = (c: Context, text: string) =>
	c.html(`<!doctype html><meta charset="utf-8"><title>Not found</title><p>${text}</p>`, 404);

export function staticRoutes(dir: string) {
	return new Hono<AppEnv>().get('*', async (c) => {
		const urlPath = new URL(c.req.url).pathname;
		const shell = join(dir, 'index.html');
		if (!(await fileInfo(shell))) {
			c.header('Cache-Control', NO_CACHE);
			return c.html(NO_BUILD, 404);
		}
		const target = resolveInside(dir, urlPath);
		if (!target) return notFoundPage(c, 'Not found.');
		const served = await sendFile(c, target.file, target.rel, cacheControlOf(target.rel));
		if (served) return served;
		if (isAppRoute(urlPath)) return (await sendFile(c, shell, 'index.html', NO_CACHE))!;
		return notFoundPage(c, `No file ${urlPath.replace(/[<>&"]/g, '')}.`);
	});
}
