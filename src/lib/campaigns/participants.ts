/**
 * Campaign records on the device: saving and deleting campaigns (with their participants),
 * inviting customers without duplicates, moving a participant through the funnel.
 */
import { map, type Observable } from 'rxjs';
import { saveEdits } from '$lib/records/edited';
import type { FieldbookDb } from '$lib/db/database';
import {
	createRecord,
	deleteRecord,
	patchRecord,
	restoreRecord,
	updateRecord
} from '$lib/db/records';
import type { Campaign, Participation, ParticipationStatus } from '$lib/domain';
import { newInvitees } from './funnel';

/** Every campaign, latest start first. */
export function campaigns$(db: FieldbookDb): Observable<Campaign[]> {
	return db.campaigns
		.find({ sort: [{ startsAt: 'desc' }] })
		.$.pipe(map((docs) => docs.map((d) => d.toJSON() as Campaign)));
}

/** Every participation (for the funnels on the campaign list). */
export function participations$(db: FieldbookDb): Observable<Participation[]> {
	return db.participations
		.find()
		.$.pipe(map((docs) => docs.map((d) => d.toJSON() as Participation)));
}

/** The participants of one campaign, last changed first. */
export function participantsOf$(db: FieldbookDb, campaignId: string): Observable<Participation[]> {
	return db.participations
		.find({ selector: { campaignId }, sort: [{ updatedAt: 'desc' }] })
		.$.pipe(map((docs) => docs.map((d) => d.toJSON() as Participation)));
}

async function participantsOf(db: FieldbookDb, campaignId: string): Promise<Participation[]> {
	const docs = await db.participations.find({ selector: { campaignId } }).exec();
	return docs.map((d) => d.toJSON() as Participation);
}

/**
 * Creates a campaign, or writes `input` over campaign `id`; throws ValidationError. With
 * `initial`, the input the form started from, only the fields changed since are written,
 * over the campaign as stored now (a change synced in while the form was open stays).
 */
export function saveCampaign(
	db: FieldbookDb,
	id: string | undefined,
	input: Record<string, unknown>,
	initial?: Record<string, unknown>
): Promise<Campaign> {
	if (!id) return createRecord(db, 'campaigns', input);
	if (!initial) return updateRecord(db, 'campaigns', id, input);
	return saveEdits(db, 'campaigns', id, initial, input);
}

export interface DeletedCampaign {
	campaign: Campaign;
	participations: Participation[];
}

/** Deletes a campaign and its participants; the result undoes it with `restoreCampaign`. */
export async function deleteCampaign(
	db: FieldbookDb,
	id: string
): Promise<DeletedCampaign | undefined> {
	const participations = await participantsOf(db, id);
	const campaign = await deleteRecord(db, 'campaigns', id);
	if (!campaign) return undefined;
	for (const p of participations) await deleteRecord(db, 'participations', p.id);
	return { campaign, participations };
}

export async function restoreCampaign(db: FieldbookDb, deleted: DeletedCampaign): Promise<void> {
	await restoreRecord(db, 'campaigns', deleted.campaign);
	for (const p of deleted.participations) await restoreRecord(db, 'participations', p);
}

const inviting = new Map<string, Promise<unknown>>();

/**
 * Invites customers to a campaign (status `invited`, at `now`), skipping those already
 * taking part. Invitations to one campaign run one after another, so a double tap cannot
 * invite anyone twice. Returns the new participations and how many were skipped.
 */
export function inviteCustomers(
	db: FieldbookDb,
	campaignId: string,
	customerIds: readonly string[],
	now = Date.now()
): Promise<{ invited: Participation[]; skipped: number }> {
	const run = async () => {
		const fresh = newInvitees(customerIds, await participantsOf(db, campaignId));
		const invited: Participation[] = [];
		for (const customerId of fresh) {
			invited.push(
				await createRecord(db, 'participations', {
					campaignId,
					customerId,
					status: 'invited',
					at: now
				})
			);
		}
		return { invited, skipped: new Set(customerIds).size - fresh.length };
	};
	const next = (inviting.get(campaignId) ?? Promise.resolve()).catch(() => undefined).then(run);
	inviting.set(campaignId, next);
	return next;
}

/** Moves a participant to `status`, stamping `at` with when it changed. */
export function setParticipationStatus(
	db: FieldbookDb,
	participationId: string,
	status: ParticipationStatus,
	now = Date.now()
): Promise<Participation> {
	return patchRecord(db, 'participations', participationId, { status, at: now });
}

/** Removes a participant; restore the returned record with `restoreRecord` to undo. */
export function removeParticipant(
	db: FieldbookDb,
	participationId: string
): Promise<Participation | undefined> {
	return deleteRecord(db, 'participations', participationId);
}
