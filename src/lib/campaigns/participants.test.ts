import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { openDatabase, type FieldbookDb } from '$lib/db/database';
import { createRecord, patchRecord, restoreRecord, ValidationError } from '$lib/db/records';
import { campaignInput, campaignToForm } from './form';
import { funnelOf } from './funnel';
import {
	campaigns$,
	deleteCampaign,
	inviteCustomers,
	participantsOf$,
	removeParticipant,
	restoreCampaign,
	saveCampaign,
	setParticipationStatus
} from './participants';

let db: FieldbookDb;
let n = 0;
const START = new Date(2026, 10, 1).getTime();

beforeEach(async () => {
	db = await openDatabase({
		userId: `campaigns-${Date.now()}-${n++}`,
		storage: 'memory',
		devMode: true,
		multiInstance: false
	});
});
afterEach(async () => {
	await db.remove();
});

async function setup() {
	const campaign = await saveCampaign(db, undefined, {
		name: 'Spring tea',
		type: 'event',
		startsAt: START,
		endsAt: START + 9e8
	});
	const customers = await Promise.all(
		['张三', 'Li Si', 'Wang Wu'].map((name) =>
			createRecord(db, 'customers', { name, ownerId: 'local' })
		)
	);
	return { campaign, ids: customers.map((c) => c.id) };
}
const participants = (campaignId: string) => firstValueFrom(participantsOf$(db, campaignId));

describe('campaign participants on the device', () => {
	it('saves an edited campaign field by field, keeping a change synced in meanwhile', async () => {
		const { campaign } = await setup();
		const started = campaignInput(campaignToForm(campaign));
		await patchRecord(db, 'campaigns', campaign.id, { budget: 5000 });
		const form = { ...campaignToForm(campaign), name: 'Spring tea, second week' };
		const saved = await saveCampaign(db, campaign.id, campaignInput(form), started);
		expect(saved).toMatchObject({ name: 'Spring tea, second week', budget: 5000 });
	});

	it('invites customers once each, even when asked twice at the same time', async () => {
		const { campaign, ids } = await setup();
		const [first, second] = await Promise.all([
			inviteCustomers(db, campaign.id, [ids[0], ids[1]], START),
			inviteCustomers(db, campaign.id, [ids[1], ids[2], ids[2]], START)
		]);
		expect(first.invited.map((p) => p.customerId)).toEqual([ids[0], ids[1]]);
		expect(second.invited.map((p) => p.customerId)).toEqual([ids[2]]);
		expect(second.skipped).toBe(1);
		const ps = await participants(campaign.id);
		expect(ps.map((p) => p.customerId).sort()).toEqual([...ids].sort());
		expect(ps.every((p) => p.status === 'invited' && p.at === START)).toBe(true);
	});

	it('tracks joined and converted in the funnel', async () => {
		const { campaign, ids } = await setup();
		const { invited } = await inviteCustomers(db, campaign.id, ids);
		await setParticipationStatus(db, invited[0].id, 'joined', START + 1000);
		const converted = await setParticipationStatus(db, invited[1].id, 'converted', START + 2000);
		expect(converted.at).toBe(START + 2000);
		expect(funnelOf(campaign.id, await participants(campaign.id))).toEqual({
			invited: 3,
			joined: 2,
			converted: 1
		});
	});

	it('removes a participant and brings them back on undo; they can be invited again after removal', async () => {
		const { campaign, ids } = await setup();
		const { invited } = await inviteCustomers(db, campaign.id, [ids[0]]);
		const removed = await removeParticipant(db, invited[0].id);
		expect(await participants(campaign.id)).toEqual([]);
		await restoreRecord(db, 'participations', removed!);
		const back = await firstValueFrom(
			participantsOf$(db, campaign.id).pipe(filter((ps) => ps.length > 0))
		);
		expect(back.map((p) => p.id)).toEqual([invited[0].id]);
		expect((await inviteCustomers(db, campaign.id, [ids[0]])).invited).toEqual([]);
	});

	it('deletes a campaign with its participants and restores both on undo', async () => {
		const { campaign, ids } = await setup();
		await inviteCustomers(db, campaign.id, ids);
		const deleted = await deleteCampaign(db, campaign.id);
		expect(deleted?.participations).toHaveLength(3);
		expect(await firstValueFrom(campaigns$(db))).toEqual([]);
		expect(await participants(campaign.id)).toEqual([]);
		await restoreCampaign(db, deleted!);
		expect((await firstValueFrom(campaigns$(db))).map((c) => c.id)).toEqual([campaign.id]);
		expect(await participants(campaign.id)).toHaveLength(3);
	});

	it('refuses a campaign ending before it starts, at the field', async () => {
		const err = await saveCampaign(db, undefined, {
			name: 'X',
			type: 'gift',
			startsAt: START,
			endsAt: START - 1
		}).catch((e) => e);
		expect(err).toBeInstanceOf(ValidationError);
		expect(err.fields).toEqual({ endsAt: 'err.endsBeforeStarts' });
	});
});
