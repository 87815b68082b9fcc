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
			// adapter-static writes index.html after the client build: precache it by name so
			// navigations (any route, offline) are answered with the app shell.
			kit: { adapterFallback: 'index.html', spa: true },
			workbox: {
				globPatterns: ['client/**/*.{js,css,html,svg,png,webmanifest,ico,woff2}'],
				clientsClaim: true,
				skipWaiting: false,
				navigateFallbackDenylist: [/^\/api\//],
				// The first page's JS (RxDB, charts) is larger than Workbox's 2 MiB default.
				maximumFileSizeToCacheInBytes: 5 * 1024 * 1024
			},
			devOptions: { enabled: false }
		})
	],
	server: {
		proxy: { '/api': `http://127.0.0.1:${apiPort}` }
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/node/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30000,
					hookTimeout: 60000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					environment: 'node',
					// One server and one Chromium per file; files one after another (2 cores).
					fileParallelism: false,
					testTimeout: 120000,
					hookTimeout: 120000
				}
			}
		]
	}
});
