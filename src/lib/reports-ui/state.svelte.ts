/**
 * The reports area's shared state: the live records and report runner (`ReportsData`), the filters (date range, owner,
 * region, tag) and the team's names. The reports layout makes one and hands it to every
 * report through `reportsContext()`.
 */
import { getContext, setContext } from 'svelte';
import { auth } from '$lib/auth/auth.svelte';
import { current } from '$lib/db/current.svelte';
import { databaseName } from '$lib/db/database';
import type { ReportFilter } from '$lib/reports';
import type { Facets } from './facets';
import { ReportsData } from './live-dataset.svelte';
import type { Labels } from './model';
import { presetRange, type Preset, type Range } from './periods';
import {
	fetchTeam,
	loadCachedTeam,
	ownerName,
	ownerScope,
	saveCachedTeam,
	seesTeam,
	type TeamMember
} from '$lib/auth/team';

export class ReportsState {
	/** The worker is named the signed-in user's database before the page has opened it. */
	readonly live = new ReportsData(() => current.db, {
		databaseName: () => (auth.user ? databaseName(auth.user.id) : current.db?.name)
	});
	preset = $state<Preset>('thisMonth');
	custom = $state({ from: '', to: '' });
	/** The team member a manager picked; '' for the whole team. */
	owner = $state('');
	region = $state('');
	tag = $state('');
	team = $state.raw<TeamMember[]>([]);
	#labels: (() => Labels) | undefined;

	readonly user = $derived(auth.user);
	readonly seesTeam = $derived(seesTeam(this.user));
	readonly facets: Facets = $derived(this.live.facets);
	/** The date range the preset names now (undefined while a custom range is incomplete). */
	readonly range: Range | undefined = $derived(
		presetRange(this.preset, this.live.at || Date.now(), this.custom)
	);
	readonly filter: ReportFilter = $derived({
		from: this.range?.from,
		to: this.range?.to,
		ownerIds: ownerScope(this.user, this.owner),
		regions: this.region ? [this.region] : [],
		tags: this.tag ? [this.tag] : []
	});

	constructor() {
		$effect(() => {
			const user = this.user;
			if (!user) return;
			this.team = loadCachedTeam(user.id);
			if (!seesTeam(user)) return;
			const controller = new AbortController();
			fetchTeam(auth.token, { signal: controller.signal })
				.then((users) => {
					this.team = users;
					saveCachedTeam(user.id, users);
				})
				.catch(() => {
					/* offline or not yet available: cached names or short ids */
				});
			return () => controller.abort();
		});
	}

	/** An owner id's name: the signed-in user, a team member, else a short id. */
	ownerName = (id: string): string =>
		ownerName(id, this.user ? [this.user, ...this.team] : this.team);

	customerName = (id: string): string => this.facets.names.get(id) ?? id.slice(0, 8);

	/** The owners a manager can pick: team members and anyone owning customers here. */
	get owners(): { id: string; name: string }[] {
		const ids = [...this.team.map((u) => u.id), ...this.facets.ownerIds];
		return ids
			.filter((id, i) => ids.indexOf(id) === i)
			.map((id) => ({ id, name: this.ownerName(id) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	/** The current locale's labels (reactive: read inside templates or deriveds). */
	get labels(): Labels {
		if (!this.#labels) throw new Error('Report labels are set by the reports layout.');
		return this.#labels();
	}

	/** The layout hands over a getter of its derived labels. */
	useLabels(get: () => Labels): void {
		this.#labels = get;
	}
}

const KEY = Symbol('reports');

export function provideReports(state: ReportsState): void {
	setContext(KEY, state);
}

export function reportsContext(): ReportsState {
	const s = getContext<ReportsState | undefined>(KEY);
	if (!s) throw new Error('Reports components must be inside the reports layout.');
	return s;
}
