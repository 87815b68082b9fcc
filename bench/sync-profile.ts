/**
 * Bench support: a CPU profile of one phase of a bench (`PROFILE=<dir>` turns it on), written
 * as a .cpuprofile that Chrome DevTools opens. Without PROFILE it does nothing.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function profilePhase(name: string): Promise<() => Promise<void>> {
	const dir = process.env.PROFILE;
	if (!dir) return async () => undefined;
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.start');
	return async () => {
		const { profile } = await session.post('Profiler.stop');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${name}-${Date.now()}.cpuprofile`);
		writeFileSync(file, JSON.stringify(profile));
		session.disconnect();
		console.log(`profile: ${file}`);
	};
}
