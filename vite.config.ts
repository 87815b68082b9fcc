import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { manifest } from './src/manifest.ts';

const apiPort = process.env.PORT ?? '8787';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			injectRegister: false,
			registerType: 'prompt',
			manifest,
			includeAssets: ['favicon.svg', 'icons/*.png'],
			workbox: {
				globPatterns: ['client/**/*.{js,css,html,svg,png,webmanifest,ico,woff2}'],
				clientsClaim: true,
				skipWaiting: false,
				navigateFallbackDenylist: [/^\/api\//]
			},
			devOptions: { enabled: false }
		})
	],
	server: {
		proxy: { '/api': `http://127.0.0.1:${apiPort}` }
	},
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/node/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30000,
		hookTimeout: 60000
	}
});
