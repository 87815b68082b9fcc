/**
 * `npm run bench`: runs every benchmark script in bench/ one after another (each in its own
 * process, as scripts: app-*.ts first, then sync-*.ts). A file that exports something is a
 * helper, not a script. `npm run bench -- app` runs only files whose name contains "app".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';

const scripts = readdirSync(here)
	.filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f.includes(filter))
	.filter((f) => !/^export\s/m.test(readFileSync(join(here, f), 'utf8')))
	.sort(
		(a, b) => Number(b.startsWith('app-')) - Number(a.startsWith('app-')) || a.localeCompare(b)
	);

console.log(
	`Fieldbook benchmarks, ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ` +
		`${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`
);
let failed = 0;
for (const script of scripts) {
	console.log(`\n== ${script}`);
	const started = Date.now();
	const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, script)], {
		stdio: 'inherit'
	});
	console.log(`   (${((Date.now() - started) / 1000).toFixed(0)} s)`);
	if (result.status !== 0) failed++;
}
if (failed) {
	console.error(`\n${failed} benchmark script(s) failed.`);
	process.exit(1);
}
