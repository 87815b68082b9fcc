/** Small helpers the app benchmarks share: percentiles and printing a figure with its target. */
export function percentile(values: readonly number[], p: number): number {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length) - 1;
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function figure(name: string, value: string, target: string, met: boolean): void {
	console.log(`${met ? 'ok  ' : 'MISS'} ${name}: ${value} (target ${target})`);
}
