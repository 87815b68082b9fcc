/** Chart.js configuration for a `ChartSpec`, coloured from the app's CSS tokens. */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChartSpec } from './model';

export interface Palette {
	/** Series colours, in order. */
	series: string[];
	muted: string;
	text: string;
	grid: string;
	surface: string;
}

/** The CSS custom properties the palette is read from (light and dark differ). */
export const PALETTE_TOKENS = ['--accent', '--focus', '--warn', '--ok', '--danger'] as const;

/** Reads the palette from computed CSS tokens (`get('--accent')` → `#0f6b5c`). */
export function paletteFrom(get: (token: string) => string): Palette {
	const v = (t: string, fallback: string) => get(t).trim() || fallback;
	return {
		series: [
			v('--accent', '#0f6b5c'),
			v('--focus', '#2563eb'),
			v('--warn', '#9a5b00'),
			v('--ok', '#1e7b34'),
			v('--danger', '#b42318'),
			'#7c3aed',
			'#0891b2',
			'#be185d'
		],
		muted: v('--text-2', '#55625b'),
		text: v('--text-2', '#55625b'),
		grid: v('--border', '#d5dbd6'),
		surface: v('--surface', '#ffffff')
	};
}

type AnyConfig = ChartConfiguration<'bar' | 'line' | 'doughnut', (number | null)[], string>;

/**
 * The chart.js config: bars (vertical, horizontal or stacked), lines or a doughnut, no
 * animation (updates land at once), values in tooltips and axes through `format`.
 */
export function chartConfig(
	spec: ChartSpec,
	palette: Palette,
	format: (n: number) => string,
	tick: (n: number) => string = format
): AnyConfig {
	const colour = (i: number, muted?: boolean) =>
		muted ? palette.muted : palette.series[i % palette.series.length];
	const doughnut = spec.kind === 'doughnut';
	const datasets = spec.series.map(
		(s, i): ChartDataset<'bar' | 'line' | 'doughnut', (number | null)[]> => {
			if (doughnut) {
				return {
					label: s.label,
					data: s.values,
					backgroundColor: spec.labels.map((_, j) => colour(j)),
					borderColor: palette.surface,
					borderWidth: 2
				} as unknown as ChartDataset<'bar' | 'line' | 'doughnut', (number | null)[]>;
			}
			const c = colour(i, s.muted);
			return {
				label: s.label,
				data: s.values,
				backgroundColor: spec.kind === 'line' ? c : c + (s.muted ? '99' : ''),
				borderColor: c,
				borderWidth: spec.kind === 'line' ? 2 : 0,
				borderDash: spec.kind === 'line' && s.muted ? [6, 4] : undefined,
				pointRadius: spec.kind === 'line' ? 3 : undefined,
				pointHitRadius: 12,
				borderRadius: spec.kind === 'line' ? undefined : 4,
				maxBarThickness: 36
			} as ChartDataset<'bar' | 'line', (number | null)[]>;
		}
	);
	const tickFont = { color: palette.text, font: { size: 12 } };
	const valueAxis = {
		beginAtZero: true,
		stacked: spec.kind === 'stacked',
		grid: { color: palette.grid },
		ticks: {
			...tickFont,
			callback: (v: string | number) => tick(Number(v)),
			maxTicksLimit: 6,
			maxRotation: 0
		}
	};
	const labelAxis = {
		stacked: spec.kind === 'stacked',
		grid: { display: false },
		ticks: { ...tickFont, autoSkip: true, maxRotation: 0 }
	};
	const horizontal = spec.kind === 'hbar';
	return {
		type: doughnut ? 'doughnut' : spec.kind === 'line' ? 'line' : 'bar',
		data: { labels: spec.labels, datasets },
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			indexAxis: horizontal ? 'y' : 'x',
			interaction: { mode: doughnut ? 'nearest' : 'index', intersect: doughnut },
			plugins: {
				legend: {
					display: doughnut || spec.series.length > 1,
					position: 'bottom',
					labels: { color: palette.text, boxWidth: 12, font: { size: 12 } }
				},
				tooltip: {
					callbacks: {
						label: (ctx) => {
							const v = (ctx.raw as number | null) ?? null;
							const name = doughnut ? ctx.label : ctx.dataset.label;
							return `${name}: ${v === null ? '—' : format(v)}`;
						}
					}
				}
			},
			scales: doughnut
				? {}
				: horizontal
					? { x: valueAxis, y: labelAxis }
					: { x: labelAxis, y: valueAxis }
		}
	} as AnyConfig;
}

/** Height in px: bars grow with their labels so every one stays readable on a phone. */
export function chartHeight(spec: ChartSpec): number {
	if (spec.kind === 'hbar')
		return Math.max(160, 44 + spec.labels.length * 28 * Math.min(spec.series.length, 2));
	if (spec.kind === 'doughnut') return 260;
	return 240;
}
