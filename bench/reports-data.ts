/**
 * A seeded generator of a large report dataset (faster than src/lib/demo's for 750k records),
 * and the list of report runs every reports benchmark times. Deterministic: same sizes, same data.
 */
import type { Campaign, Customer, Order, Participation, Service, Visit } from '../src/lib/domain';
import type { Dataset } from '../src/lib/reports/dataset';
import type { ReportName } from '../src/lib/reports/registry';
import {
	encodeSnapshot,
	readSnapshot,
	type StoredSnapshot
} from '../src/lib/reports/worker/snapshot-store';

export interface ReportSizes {
	customers: number;
	orders: number;
	services: number;
	visits: number;
	participations: number;
	campaigns: number;
}

/** Issue 4's figure: 50,000 customers, 500,000 orders, 100,000 services and visits. */
export const FULL_SIZES: ReportSizes = {
	customers: 50_000,
	orders: 500_000,
	services: 100_000,
	visits: 100_000,
	participations: 50_000,
	campaigns: 40
};

/** Sizes scaled from FULL_SIZES (campaigns stay 40): `scaled(0.1)` is 5,000 / 50,000. */
export function scaled(factor: number): ReportSizes {
	const s = (n: number) => Math.max(1, Math.round(n * factor));
	const f = FULL_SIZES;
	return {
		customers: s(f.customers),
		orders: s(f.orders),
		services: s(f.services),
		visits: s(f.visits),
		participations: s(f.participations),
		campaigns: f.campaigns
	};
}

/** The reports' `now`: data spans the 900 days before it. */
export const BENCH_NOW = new Date('2025-06-15T12:00:00').getTime();
const DAY = 86_400_000;

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

/**
 * Records as they arrive from sync or IndexedDB: plain objects without absent optional
 * fields (each collection goes through a JSON round trip, as the old script did).
 */
export function generateReportDataset(sizes: ReportSizes, seed = 42): Dataset {
	let state = seed;
	const rand = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const past = (days: number) => BENCH_NOW - Math.floor(rand() * days * DAY);
	const pad = (n: number) => String(n).padStart(2, '0');
	const dateOf = (t: number) => {
		const d = new Date(t);
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
	};
	let n = 0;
	const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
	const deleted = () => rand() < 0.01;
	const plain = <T>(xs: T[]): T[] => JSON.parse(JSON.stringify(xs));

	const cs: Customer[] = [];
	for (let i = 0; i < sizes.customers; i++) {
		cs.push({
			id: id(),
			updatedAt: BENCH_NOW,
			_deleted: deleted(),
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
		});
	}
	const customerId = () => pick(cs).id;
	const orders: Order[] = [];
	for (let i = 0; i < sizes.orders; i++) {
		const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
			product: pick(products),
			quantity: 1 + Math.floor(rand() * 5),
			unitPrice: Math.round(rand() * 100_00) / 100
		}));
		const amount = Math.round(items.reduce((s, x) => s + x.quantity * x.unitPrice, 0) * 100) / 100;
		orders.push({
			id: id(),
			updatedAt: BENCH_NOW,
			_deleted: deleted(),
			orderNo: `N${n}`,
			customerId: customerId(),
			date: dateOf(past(800)),
			items,
			amount,
			status: pick(['pending', 'paid', 'shipped', 'completed', 'cancelled'] as const),
			rating: rand() < 0.5 ? 1 + Math.floor(rand() * 5) : undefined
		});
	}
	const services: Service[] = [];
	for (let i = 0; i < sizes.services; i++) {
		const openedAt = past(700);
		const done = rand() < 0.7;
		services.push({
			id: id(),
			updatedAt: BENCH_NOW,
			_deleted: deleted(),
			customerId: customerId(),
			type: pick(['consultation', 'repair', 'complaint'] as const),
			openedAt,
			resolvedAt: done ? openedAt + Math.floor(rand() * 10 * DAY) : undefined,
			status: done ? 'resolved' : 'open',
			satisfaction: done ? 1 + Math.floor(rand() * 5) : undefined
		});
	}
	const visits: Visit[] = [];
	for (let i = 0; i < sizes.visits; i++) {
		const t = past(400);
		visits.push({
			id: id(),
			updatedAt: BENCH_NOW,
			_deleted: deleted(),
			customerId: customerId(),
			plannedAt: t,
			checkIn: rand() < 0.7 ? { at: t, lat: 22, lng: 114, accuracy: 5 } : undefined,
			nextFollowUpAt: rand() < 0.4 ? t + 14 * DAY : undefined
		});
	}
	const campaigns: Campaign[] = [];
	for (let i = 0; i < sizes.campaigns; i++) {
		const startsAt = past(600);
		campaigns.push({
			id: id(),
			updatedAt: BENCH_NOW,
			_deleted: deleted(),
			name: `C${n}`,
			type: 'discount',
			startsAt,
			endsAt: startsAt + 30 * DAY,
			budget: 10_000
		});
	}
	const participations: Participation[] = [];
	for (let i = 0; i < sizes.participations; i++) {
		participations.push({
			id: id(),
			updatedAt: BENCH_NOW,
			_deleted: deleted(),
			campaignId: pick(campaigns).id,
			customerId: customerId(),
			status: pick(['invited', 'joined', 'converted'] as const),
			at: past(600)
		});
	}
	return {
		customers: plain(cs),
		orders: plain(orders),
		services: plain(services),
		visits: plain(visits),
		campaigns: plain(campaigns),
		participations: plain(participations)
	};
}

/** Every report the dashboards run, with the parameters the benchmark gives them. */
export function reportRuns(data: Dataset, now = BENCH_NOW): [ReportName, unknown][] {
	const filter = { from: now - 365 * DAY, to: now };
	const firstLive = data.customers.find((c) => !c._deleted)?.id ?? '';
	return [
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
		['recommend', { customerId: firstLive }]
	];
}

export { cloneDataset } from '../src/lib/reports/fixtures';

/**
 * The snapshot after one order edit, as the app publishes it: a new orders array in which
 * one live order is replaced by an edited copy (a new rating and a later status); every
 * other collection's array is the same object.
 */
/**
 * The snapshot after a new order arrives (a sync or the worker's catch-up appends it): a new
 * orders array with one more order at the end; every other collection's array the same.
 */
export function appendOneOrder(data: Dataset): Dataset {
	const live = data.orders.find((o) => !o._deleted)!;
	const added = { ...live, id: `${live.id.slice(0, -4)}ffff`, amount: live.amount + 1 };
	return { ...data, orders: [...data.orders, added] };
}

export function editOneOrder(data: Dataset, at = Math.floor(data.orders.length / 2)): Dataset {
	let i = at;
	while (data.orders[i]?._deleted) i++;
	const before = data.orders[i];
	const orders = [...data.orders];
	orders[i] = {
		...before,
		updatedAt: before.updatedAt + 1,
		rating: before.rating === 5 ? 4 : 5,
		status: before.status === 'completed' ? 'shipped' : 'completed'
	};
	return { ...data, orders };
}

/** A dataset as the report worker stores it: each collection's live records in columns. */
export type StoredDataset = Record<keyof Dataset, StoredSnapshot>;

const benchKey = (collection: string) => ({ db: 'bench', collection, schema: '1', token: 't' });

/**
 * Encodes each collection's live records as the worker's snapshot does (`encodeSnapshot`;
 * tombstones are left out, as there).
 */
export async function storeDataset(data: Dataset): Promise<StoredDataset> {
	const out: Partial<StoredDataset> = {};
	for (const name of Object.keys(data) as (keyof Dataset)[]) {
		out[name] = await encodeSnapshot(benchKey(name), data[name] as never, 0, {
			chunk: Infinity,
			yieldFn: async () => {}
		});
	}
	return out as StoredDataset;
}

/**
 * The dataset a worker holds after a cold start from its snapshot: every collection read
 * back as from IndexedDB (a structured clone) and decoded by `readSnapshot`, which also
 * hands the reports the stored columns. Each call makes new records, arrays and columns.
 */
export function loadStored(stored: StoredDataset): Dataset {
	const out: Partial<Record<keyof Dataset, unknown[]>> = {};
	for (const name of Object.keys(stored) as (keyof Dataset)[]) {
		const snap = readSnapshot(structuredClone(stored[name]), benchKey(name));
		if (!snap) throw new Error(`the ${name} snapshot did not decode`);
		out[name] = snap.records;
	}
	return out as unknown as Dataset;
}
