/**
 * chart.js with only the parts the reports use (bar, line and doughnut), loaded lazily by
 * Chart.svelte so no other page carries it.
 */
import {
	ArcElement,
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	DoughnutController,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';
import { chartConfig, type Palette } from './chart-config';
import type { ChartSpec } from './model';

Chart.register(
	ArcElement,
	BarController,
	BarElement,
	CategoryScale,
	DoughnutController,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
);

export interface DrawnChart {
	update(spec: ChartSpec, palette: Palette): void;
	destroy(): void;
}

/** Draws `spec` on `canvas`; `onpick(series, index)` runs when a bar, point or slice is tapped. */
export function drawChart(
	canvas: HTMLCanvasElement,
	spec: ChartSpec,
	palette: Palette,
	format: (n: number) => string,
	tick: (n: number) => string,
	onpick: (series: number, index: number) => void
): DrawnChart {
	const build = (s: ChartSpec, p: Palette) => {
		const config = chartConfig(s, p, format, tick);
		config.options!.onClick = (_event, elements) => {
			const hit = elements[0];
			if (hit) onpick(hit.datasetIndex, hit.index);
		};
		return config;
	};
	let kind = spec.kind;
	let chart = new Chart(canvas, build(spec, palette) as never);
	const resize = () => chart.resize();
	window.addEventListener('beforeprint', resize);
	window.addEventListener('afterprint', resize);
	return {
		update(next, p) {
			const config = build(next, p);
			if (next.kind !== kind) {
				chart.destroy();
				chart = new Chart(canvas, config as never);
				kind = next.kind;
				return;
			}
			chart.data = config.data as never;
			chart.options = config.options as never;
			chart.update('none');
		},
		destroy() {
			window.removeEventListener('beforeprint', resize);
			window.removeEventListener('afterprint', resize);
			chart.destroy();
		}
	};
}
