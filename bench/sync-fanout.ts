/**
 * 200 devices holding live streams on one server process, each pushing an edit every few
 * seconds: push latency p50/p99, time for an edit to reach every device, the server's CPU
 * per edit and memory per stream. Devices are bare protocol clients in another process
 * (bench/sync-fanout-devices.ts). They edit campaigns, which every user sees, so each edit
 * fans out to all of them. Not a test: prints figures. Env: DEVICES, SECONDS, EVERY_MS, DB,
 * PROFILE (a directory: CPU profile of the server process).
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type DbKind } from '../server/testing';
import { createSession } from '../server/auth/sessions';
import { listen } from '../tests/node/harness';
import type { DevicesResult, DevicesStart, DevicesStreaming } from './sync-fanout-devices';
import { addUser } from './sync-seed';
import { profilePhase } from './sync-profile';
import { timeStatements } from './sync-fanout-sql';

const DEVICES = Number(process.env.DEVICES ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 30);
const EVERY_MS = Number(process.env.EVERY_MS ?? 3000);
const KIND = (process.env.DB ?? 'pglite') as DbKind;

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

// PostgreSQL: statement times by kind, reset once the streams are open (see the report below).
const statements = KIND === 'postgres' ? timeStatements() : undefined;
const test = await createTestDatabase(KIND);
const serverPush: number[] = [];
const server = await listen(test.database, { syncHeartbeatMs: 20_000 }, (t0, req) => {
	if (req.method === 'POST') serverPush.push(performance.now() - t0);
});
const lag = monitorEventLoopDelay({ resolution: 10 });
const tokens: string[] = [];
for (let i = 0; i < DEVICES; i++)
	tokens.push(await createSession(test.database.db, await addUser(test.database.db, 'rep')));

const devices = fork(fileURLToPath(new URL('./sync-fanout-devices.ts', import.meta.url)), {
	execArgv: ['--import', 'tsx']
});
const messages: (DevicesStreaming | DevicesResult)[] = [];
let wake = () => undefined as void;
devices.on('message', (m: DevicesStreaming | DevicesResult) => (messages.push(m), wake()));
const next = async () => {
	while (!messages.length) await new Promise<void>((r) => (wake = r));
	return messages.shift()!;
};
global.gc?.();
const before = process.memoryUsage();
devices.send({
	baseUrl: server.baseUrl,
	tokens,
	seconds: SECONDS,
	everyMs: EVERY_MS
} satisfies DevicesStart);
await next();
global.gc?.();
const after = process.memoryUsage();
statements?.reset();
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const stopProfile = await profilePhase(`sync-fanout-${KIND}`);
lag.enable();
const { latencies, reach: reachOrNull, cpuSeconds: deviceCpu } = (await next()) as DevicesResult;
await stopProfile();
lag.disable();
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const wallSeconds = (performance.now() - wallBefore) / 1000;
const reach = reachOrNull.filter((r): r is number => r !== null);
const edits = reachOrNull.length;
console.log(
	`sync-fanout on ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${new Date().toISOString()}, ${KIND}, load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}`
);
console.log(
	`${DEVICES} devices streaming (in another process), ${edits} edits in ${SECONDS} s (one per device every ~${EVERY_MS / 1000} s)`
);
console.log(
	`push latency: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`
);
console.log(
	`  of which in the server (request in → answer out): p50 ${pct(serverPush, 50).toFixed(1)} ms, p99 ${pct(serverPush, 99).toFixed(1)} ms; server event-loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms`
);
console.log(
	`edit reaches all devices: p50 ${pct(reach, 50).toFixed(0)} ms, p99 ${pct(reach, 99).toFixed(0)} ms, max ${Math.max(...reach).toFixed(0)} ms; ${edits - reach.length} edits did not reach every device`
);
console.log(
	`server CPU: ${cpuSeconds.toFixed(1)} s in ${wallSeconds.toFixed(1)} s, ${((cpuSeconds * 1000) / Math.max(1, edits)).toFixed(1)} ms per edit (push and fan-out to ${DEVICES}); devices' process: ${deviceCpu.toFixed(1)} s`
);
console.log(
	`server memory per connected stream: heap ${((after.heapUsed - before.heapUsed) / DEVICES / 1024).toFixed(1)} KiB`
);
if (statements)
	console.log(
		`PostgreSQL statements during the run (sent → answered, in the server process):\n${statements.report()}`
	);
await server.close();
await test.drop();
process.exit(0);
