import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// precompress: .br and .gz beside each file, served by server/routes/static by Accept-Encoding.
		adapter: adapter({ fallback: 'index.html', precompress: true }),
		serviceWorker: { register: false },
		alias: { '#domain/*': './src/lib/domain/*' },
		typescript: {
			// svelte-check and tsc also cover the server, benchmarks and scripts.
			config: (tsconfig) => {
				tsconfig.include.push('../server/**/*.ts', '../bench/**/*.ts', '../drizzle.config.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
