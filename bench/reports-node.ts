/**
 * Every report over issue 4's dataset in Node (50,000 customers, 500,000 orders, 100,000
 * services and visits), wall and CPU time:
 * - the figure: all reports on one new snapshot, cold. The first round runs before anything
 *   else in the process; later rounds use a copy of every record in new arrays, so no cache
 *   keyed by an array or a record can hit (only value memos such as a date's midnight or an
 *   address's region stay warm);
 * - all reports after one order edit (a new orders array with one record replaced, the
 *   other collections' arrays unchanged), as the dashboard recomputes after an edit;
 * - each report alone on a new (copied) snapshot.
 * `SCALE=0.1` shrinks the dataset; `PRINT=1` prints a digest of every result (to check that
 * an optimisation changed nothing) and checks that results after the edit equal a cold run;
 * `QUICK=1` times only the figure (the first round and three copied rounds), so repeated
 * runs for a before/after comparison take seconds each. `SETTLE=1000` waits that many ms
 * after the forced collection before the first round (V8 sweeps the ~1 GB heap
 * concurrently after it, and allocation meanwhile waits for the sweeper): not the
 * figure's method, a way to see what that sweep costs the round.
 *
 * The records come, as in the app's report worker, from its snapshot (`SOURCE=snapshot`, the
 * default: each collection's live records encoded and decoded as the worker stores and reads
 * them, so the reports read the stored columns) or as plain records (`SOURCE=records`: the
 * worker's first load on a device, before it has a snapshot, reads every document).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Dataset } from '../src/lib/reports/dataset';
import { runReportInline } from '../src/lib/reports/registry';
import {
	appendOneOrder,
	cloneDataset,
	editOneOrder,
	FULL_SIZES,
	generateReportDataset,
	reportRuns,
	loadStored,
	scaled,
	storeDataset
} from './reports-data';

const scale = Number(process.env.SCALE ?? 1);
const quick = Boolean(process.env.QUICK);
const sizes = scale === 1 ? FULL_SIZES : scaled(scale);
const target = 500;
const load = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');

// A full collection before each timed round, so no round pays for an earlier one's garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let t0 = performance.now();
let generated: Dataset | undefined = generateReportDataset(sizes);
console.log(
	`${sizes.customers} customers, ${sizes.orders} orders, ${sizes.services} services, ` +
		`${sizes.visits} visits, ${sizes.participations} participations, ${sizes.campaigns} campaigns ` +
		`(generated in ${((performance.now() - t0) / 1000).toFixed(1)} s); load ${load()}`
);
// Where the records come from: the worker's snapshot (the default: records decoded from
// stored columns, which the reports then read) or records alone, as after the worker read
// every document from RxDB's tables (`SOURCE=records`: its first load on a device).
const source = process.env.SOURCE === 'records' ? 'records' : 'snapshot';
const stored = source === 'snapshot' ? await storeDataset(generated) : undefined;
// The worker holds the decoded records, not the ones the snapshot was made from.
if (stored) generated = undefined;
/** A new copy of the records, as the source gives them: nothing cached can hit. */
const fresh = (): Dataset => (stored ? loadStored(stored) : cloneDataset(generated!));
t0 = performance.now();
const data = stored ? loadStored(stored) : generated!;
console.log(
	source === 'snapshot'
		? `records from the worker's snapshot (live records only, decoded from stored columns ` +
				`in ${(performance.now() - t0).toFixed(0)} ms, a structured clone included)`
		: `records alone (JSON), as after a full read of RxDB's tables`
);
const runs = reportRuns(data);

interface Timing {
	wall: number;
	/** The process's CPU time: every thread, V8's GC and compiler threads included. */
	cpu: number;
	/**
	 * The main thread's own CPU time (Linux, 10 ms ticks; NaN elsewhere): unlike the wall
	 * time, it leaves out the time other processes had the cores, so it moves less with load.
	 */
	main: number;
}
/** The main thread's CPU time in ms, from /proc (utime + stime, in 1/100 s). */
const mainThreadCpu = (): number => {
	try {
		const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return NaN;
	}
};
const time = (f: () => void, collect = true): Timing => {
	if (collect) gc();
	const cpu0 = process.cpuUsage();
	const main0 = mainThreadCpu();
	t0 = performance.now();
	f();
	const cpu = process.cpuUsage(cpu0);
	return {
		wall: performance.now() - t0,
		cpu: (cpu.user + cpu.system) / 1000,
		main: mainThreadCpu() - main0
	};
};
const ms = (n: number) => n.toFixed(1).padStart(8);
const bestOf = (ts: Timing[]): Timing => ({
	wall: Math.min(...ts.map((t) => t.wall)),
	cpu: Math.min(...ts.map((t) => t.cpu)),
	main: Math.min(...ts.map((t) => t.main))
});
const allReports = (snapshot: Dataset) =>
	runs.map(([name, params]) => runReportInline(name, snapshot, params as never));
const digest = (result: unknown) => {
	const json = JSON.stringify(result);
	return `${createHash('sha256').update(json).digest('hex').slice(0, 16)} (${json.length} chars)`;
};

// The figure, first round: nothing in this process has run a report yet.
const settle = Number(process.env.SETTLE ?? 0);
if (settle > 0) {
	gc();
	await new Promise((resolve) => setTimeout(resolve, settle));
}
const first = time(() => allReports(data), settle === 0);

if (process.env.PRINT) {
	const results = allReports(fresh());
	runs.forEach(([name], i) => console.log(`${name.padEnd(13)} ${digest(results[i])}`));
	// After an edit, cached and incremental work must give what a cold run gives.
	const base = fresh();
	allReports(base);
	const edited = editOneOrder(base);
	const incremental = allReports(edited).map(digest);
	const cold = allReports(cloneDataset(edited)).map(digest);
	const same = incremental.every((d, i) => d === cold[i]);
	console.log(`after one order edit: ${same ? 'same as a cold run' : 'DIFFERS from a cold run'}`);
	// After an order is added, the earlier orders' values are kept and extended.
	const grown = appendOneOrder(edited);
	const extended = allReports(grown).map(digest);
	const coldGrown = allReports(cloneDataset(grown)).map(digest);
	const sameGrown = extended.every((d, i) => d === coldGrown[i]);
	console.log(
		`after one order added: ${sameGrown ? 'same as a cold run' : 'DIFFERS from a cold run'}`
	);
	if (!same || !sameGrown) process.exitCode = 1;
}

if (!quick) timeEachReportAndEdits();

function timeEachReportAndEdits() {
	console.log(
		`\n${'report'.padEnd(28)} ${'first wall'.padStart(10)} ${'first cpu'.padStart(10)} ${'best wall'.padStart(10)} ${'best cpu'.padStart(10)}  (ms; each on a new copied snapshot)`
	);
	let sumBest = 0;
	for (const [name, params] of runs) {
		const times = [0, 1, 2].map(() => {
			const snapshot = fresh();
			return time(() => runReportInline(name, snapshot, params as never));
		});
		const best = bestOf(times);
		sumBest += best.wall;
		const label =
			name === 'cross' ? `cross ${JSON.stringify(Object.values(params as object))}` : name;
		console.log(
			`${label.slice(0, 28).padEnd(28)} ${ms(times[0].wall)}   ${ms(times[0].cpu)}   ${ms(best.wall)}   ${ms(best.cpu)}`
		);
	}
	console.log(`sum of each report alone (best wall): ${sumBest.toFixed(1)} ms`);

	// What the machine gives right now: a fixed reference loop (750k string-keyed Map lookups,
	// what linking children to customers does once), and the structured clone a worker's
	// postMessage makes of the whole dataset.
	const byId = new Map(data.customers.map((c) => [c.id, c]));
	const reference = bestOf(
		[0, 1, 2].map(() =>
			time(() => {
				for (const r of [data.orders, data.services, data.visits])
					for (const o of r) byId.get(o.customerId);
			})
		)
	);
	const clone = time(() => structuredClone(data));
	console.log(
		`reference loop (750k Map.get): ${reference.wall.toFixed(0)} ms (cpu ${reference.cpu.toFixed(0)}); ` +
			`structuredClone of the dataset (posting it to the worker): ${clone.wall.toFixed(0)} ms (cpu ${clone.cpu.toFixed(0)})`
	);

	// After one order edit: the previous snapshot was computed (untimed), then the new one is.
	const edits = [0, 1, 2].map(() => {
		const base = fresh();
		allReports(base);
		const edited = editOneOrder(base);
		return time(() => allReports(edited));
	});
	const edit = bestOf(edits);
	console.log(
		`all ${runs.length} reports after one order edit: first ${edits[0].wall.toFixed(0)} ms (cpu ${edits[0].cpu.toFixed(0)}), ` +
			`best of 3 ${edit.wall.toFixed(0)} ms (cpu ${edit.cpu.toFixed(0)}); load ${load()}`
	);
}

// The figure: every report on one new snapshot, as a dashboard computes them (shared work reused).
const rounds = [0, 1, 2].map(() => {
	const snapshot = fresh();
	return time(() => allReports(snapshot));
});
const best = bestOf(rounds);
console.log(
	`${first.wall < target ? 'ok  ' : 'MISS'} all ${runs.length} reports on one new snapshot, cold: ` +
		`first in the process ${first.wall.toFixed(0)} ms (cpu ${first.cpu.toFixed(0)}, main thread ${first.main.toFixed(0)}${settle ? `, ${settle} ms after the collection` : ''}); ` +
		`copied snapshots: best of 3 ${best.wall.toFixed(0)} ms (cpu ${best.cpu.toFixed(0)}, main thread ${best.main.toFixed(0)}), ` +
		`worst ${Math.max(...rounds.map((r) => r.wall)).toFixed(0)} ms (target < ${target} ms); load ${load()}`
);
