/** Sales cards: key figures, revenue by product, top customers, order ratings. */
import type { Sales } from '$lib/reports';
import { simpleView, type Labels, type ReportView } from '../model';

const TOP = 15;
const RATINGS = ['1', '2', '3', '4', '5'] as const;

export function salesViews(s: Sales, l: Labels): ReportView[] {
	const figures: ReportView = {
		id: 'figures',
		title: l.t('reports.sales.figures'),
		table: {
			columns: [
				{ key: 'figure', label: l.t('reports.col.figure') },
				{ key: 'value', label: l.t('reports.col.value') }
			],
			rows: [
				{ figure: l.t('reports.col.revenue'), value: l.number(s.revenue, 'money') },
				{ figure: l.t('reports.col.orders'), value: l.number(s.orders, 'count') },
				{
					figure: l.t('reports.sales.aov'),
					value: s.averageOrderValue === null ? '—' : l.number(s.averageOrderValue, 'money')
				},
				{
					figure: l.t('reports.sales.avgRating'),
					value: s.ratings.average === null ? '—' : l.number(s.ratings.average, 'rating')
				}
			],
			drill: [{ kind: 'bought' }, { kind: 'bought' }, undefined, undefined]
		}
	};
	const products: ReportView = {
		id: 'products',
		title: l.t('reports.sales.byProduct'),
		note: l.t('reports.sales.byProductNote'),
		chart: {
			kind: 'hbar',
			labels: s.byProduct.slice(0, TOP).map((p) => p.product),
			series: [
				{
					label: l.t('reports.col.revenue'),
					values: s.byProduct.slice(0, TOP).map((p) => p.revenue)
				}
			],
			format: 'money',
			drill: s.byProduct.slice(0, TOP).map((p) => ({ kind: 'bought', product: p.product }))
		},
		table: {
			columns: [
				{ key: 'product', label: l.t('reports.col.product') },
				{ key: 'quantity', label: l.t('reports.col.quantity'), format: 'count' },
				{ key: 'orders', label: l.t('reports.col.orders'), format: 'count' },
				{ key: 'revenue', label: l.t('reports.col.revenue'), format: 'money' }
			],
			rows: s.byProduct.map((p) => ({ ...p })),
			drill: s.byProduct.map((p) => ({ kind: 'bought', product: p.product }))
		}
	};
	const top: ReportView = {
		id: 'top-customers',
		title: l.t('reports.sales.topCustomers'),
		chart: {
			kind: 'hbar',
			labels: s.topCustomers.map((c) => c.name || l.customer(c.customerId)),
			series: [{ label: l.t('reports.col.revenue'), values: s.topCustomers.map((c) => c.revenue) }],
			format: 'money',
			drill: s.topCustomers.map((c) => ({ kind: 'ids', ids: [c.customerId] }))
		},
		table: {
			columns: [
				{ key: 'name', label: l.t('reports.col.customer') },
				{ key: 'orders', label: l.t('reports.col.orders'), format: 'count' },
				{ key: 'revenue', label: l.t('reports.col.revenue'), format: 'money' }
			],
			rows: s.topCustomers.map((c) => ({
				name: c.name || l.customer(c.customerId),
				orders: c.orders,
				revenue: c.revenue
			})),
			drill: s.topCustomers.map((c) => ({ kind: 'ids', ids: [c.customerId] }))
		}
	};
	const ratings = simpleView(
		'ratings',
		l.t('reports.sales.ratings'),
		l.t('reports.col.rating'),
		{
			kind: 'bar',
			labels: RATINGS.map((r) => '★'.repeat(Number(r))),
			series: [
				{ label: l.t('reports.col.orders'), values: RATINGS.map((r) => s.ratings.distribution[r]) }
			],
			format: 'count',
			drill: RATINGS.map((r) => ({ kind: 'rated', of: 'orders', rating: Number(r) }))
		},
		l.t('reports.sales.ratingsNote')
	);
	return [figures, products, top, ratings];
}
