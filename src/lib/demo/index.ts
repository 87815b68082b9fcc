/** Demo data: `generateDemoData` (pure) and `loadDemoData` (writes to the device's database). */
export {
	generateDemoData,
	DEFAULT_PER_CUSTOMER,
	type DemoData,
	type DemoOptions
} from './generate';
export { loadDemoData, DEMO_BATCH, type DemoProgress } from './load';
