/**
 * A timing check, not a test: every report over a generated data set.
 * `npx tsx src/lib/reports/perf.bench-script.ts [customers=20000] [children=100000]`
 */
import type { Campaign, Customer, Order, Participation, Service, Visit } from '../domain';
import type { Dataset } from './dataset';
import { runReportInline, type ReportName } from './registry';

const customers = Number(process.argv[2] ?? 20_000);
const children = Number(process.argv[3] ?? 100_000);

let seed = 42;
const rand = () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const now = new Date('2025-06-15T12:00:00').getTime();
const DAY = 86_400_000;
const past = (days: number) => now - Math.floor(rand() * days * DAY);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (t: number) => {
	const d = new Date(t);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const provinces = [
	'广东省深圳市',
	'北京市朝阳区',
	'上海市浦东新区',
	'浙江省杭州市',
	'四川省成都市'
];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟'];
const products = Array.from({ length: 60 }, (_, i) => `product-${i}`);
const owners = Array.from({ length: 25 }, (_, i) => `rep-${i}`);
let n = 0;
const base = () => ({ id: uuid(++n), updatedAt: now, _deleted: rand() < 0.01 });

const cs: Customer[] = Array.from({ length: customers }, (_, i) => ({
	...base(),
	name: pick(surnames) + pick(given) + (rand() < 0.5 ? pick(given) : ''),
	phones: rand() < 0.8 ? [`+86138${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`] : [],
	emails: rand() < 0.4 ? [`user${i % 15000}@example.com`] : [],
	address: { text: `${pick(provinces)}某路${i}号` },
	company: `公司${Math.floor(rand() * 3000)}`,
	interests: rand() < 0.5 ? [pick(['vip', 'tea', 'golf', 'wine'])] : [],
	stage: pick(['lead', 'prospect', 'customer', 'inactive'] as const),
	grade: pick(['a', 'b', 'c', 'd', undefined] as const),
	source: pick(['referral', 'walk_in', 'website', undefined] as const),
	customFields: {},
	createdAt: past(900),
	ownerId: pick(owners)
}));
const customerId = () => pick(cs).id;
const orders: Order[] = Array.from({ length: Math.round(children * 0.5) }, () => {
	const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
		product: pick(products),
		quantity: 1 + Math.floor(rand() * 5),
		unitPrice: Math.round(rand() * 100_00) / 100
	}));
	const amount = Math.round(items.reduce((s, i) => s + i.quantity * i.unitPrice, 0) * 100) / 100;
	const status = pick(['pending', 'paid', 'shipped', 'completed', 'cancelled'] as const);
	return {
		...base(),
		orderNo: `N${n}`,
		customerId: customerId(),
		date: dateOf(past(800)),
		items,
		amount,
		status,
		rating: rand() < 0.5 ? 1 + Math.floor(rand() * 5) : undefined
	};
});
const services: Service[] = Array.from({ length: Math.round(children * 0.2) }, () => {
	const openedAt = past(700);
	const done = rand() < 0.7;
	return {
		...base(),
		customerId: customerId(),
		type: pick(['consultation', 'repair', 'complaint'] as const),
		openedAt,
		resolvedAt: done ? openedAt + Math.floor(rand() * 10 * DAY) : undefined,
		status: done ? 'resolved' : 'open',
		satisfaction: done ? 1 + Math.floor(rand() * 5) : undefined
	};
});
const visits: Visit[] = Array.from({ length: Math.round(children * 0.2) }, () => {
	const t = past(400);
	return {
		...base(),
		customerId: customerId(),
		plannedAt: t,
		checkIn: rand() < 0.7 ? { at: t, lat: 22, lng: 114, accuracy: 5 } : undefined,
		nextFollowUpAt: rand() < 0.4 ? t + 14 * DAY : undefined
	};
});
const campaigns: Campaign[] = Array.from({ length: 20 }, () => {
	const startsAt = past(600);
	return {
		...base(),
		name: `C${n}`,
		type: 'discount',
		startsAt,
		endsAt: startsAt + 30 * DAY,
		budget: 10_000
	};
});
const participations: Participation[] = Array.from({ length: Math.round(children * 0.1) }, () => ({
	...base(),
	campaignId: pick(campaigns).id,
	customerId: customerId(),
	status: pick(['invited', 'joined', 'converted'] as const),
	at: past(600)
}));
// Records arrive as JSON (sync) or structured clones (IndexedDB, the worker); a round trip
// gives them the same plain shape, rather than the slow shape of objects built by spreading.
const data: Dataset = JSON.parse(
	JSON.stringify({ customers: cs, orders, services, visits, campaigns, participations })
);

const filter = { from: now - 365 * DAY, to: now };
const runs: [ReportName, unknown][] = [
	['overview', { now, filter }],
	['segmentation', { now }],
	['trends', { now, granularity: 'week', filter }],
	['sales', { filter }],
	['service', {}],
	['campaigns', {}],
	['activity', { now }],
	['quality', { now }],
	['cross', { rows: 'region', columns: 'product', measure: 'revenue' }],
	['cross', { rows: 'stage', columns: 'month', measure: 'avgRating' }],
	['recommend', { customerId: data.customers[0].id }]
];

console.log(
	`${customers} customers, ${orders.length} orders, ${services.length} services, ${visits.length} visits, ${participations.length} participations`
);
// A new dataset object each time, so nothing computed for an earlier snapshot is reused.
// CPU time is printed beside wall time: on a shared machine wall time mostly measures the others.
const fresh = (): Dataset => ({ ...data });
const time = (f: () => void) => {
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	f();
	const cpu = process.cpuUsage(cpu0);
	return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
};
const best = (ts: { wall: number; cpu: number }[]) =>
	`wall ${Math.min(...ts.map((t) => t.wall))
		.toFixed(1)
		.padStart(6)} ms, cpu ${Math.min(...ts.map((t) => t.cpu))
		.toFixed(1)
		.padStart(6)} ms`;
for (const [name, params] of runs) {
	const times = [0, 1, 2].map(() => time(() => runReportInline(name, fresh(), params as never)));
	console.log(`${name.padEnd(13)} alone on a new snapshot, best of 3: ${best(times)}`);
}
const rounds = [0, 1, 2].map(() => {
	const snapshot = fresh();
	return time(() =>
		runs.forEach(([name, params]) => runReportInline(name, snapshot, params as never))
	);
});
console.log(`all ${runs.length} reports on one new snapshot, best of 3: ${best(rounds)}`);
