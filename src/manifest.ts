/** The web app manifest: one source for the PWA plugin (and so for the installability test). */
export const manifest = {
	name: 'Fieldbook',
	short_name: 'Fieldbook',
	description: 'Customers, orders, services and visits for field sales, offline-first',
	lang: 'zh-CN',
	start_url: '/',
	scope: '/',
	display: 'standalone' as const,
	orientation: 'portrait' as const,
	background_color: '#f6f7f5',
	theme_color: '#0f6b5c',
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
		{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	],
	shortcuts: [
		{
			name: 'New customer',
			short_name: 'New',
			url: '/customers/new',
			icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }]
		},
		{
			name: 'Check in',
			short_name: 'Check in',
			url: '/?checkin=1',
			icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }]
		}
	]
};
