/**
 * The server's three-way field merge (DESIGN.md "Conflicts"): base (what the device last
 * saw), server (stored) and device (pushed) states, field by field. Pure and deterministic.
 */
import { compareCanonical, jsonEqual } from './canonical';

export type Doc = Record<string, unknown> & { id: string; updatedAt: number; _deleted?: boolean };

/** A value that did not win: kept in history as `kind: conflict`. */
export interface ConflictLoser {
	field: string;
	value: unknown;
	/** The `updatedAt` of the side that lost. */
	updatedAt: number;
	side: 'server' | 'device';
}

export interface MergeResult {
	merged: Doc;
	losers: ConflictLoser[];
}

const META = new Set(['id', 'updatedAt', '_deleted']);

/** The device's `updatedAt`, no later than the server's clock. */
export function clampUpdatedAt(updatedAt: number, serverNow: number): number {
	return Math.min(updatedAt, serverNow);
}

function contentFields(...docs: (Doc | undefined)[]): string[] {
	const fields = new Set<string>();
	for (const d of docs) for (const k of Object.keys(d ?? {})) if (!META.has(k)) fields.add(k);
	return [...fields].sort();
}

function deleted(d: Doc | undefined): boolean {
	return d?._deleted === true;
}

/**
 * Merges `device` into `server` against `base`. With no `server` the device's state is taken
 * (its `updatedAt` clamped). Returns the merged record and the losing values.
 */
export function mergeRecord(
	base: Doc | undefined,
	server: Doc | undefined,
	device: Doc,
	serverNow: number
): MergeResult {
	const deviceAt = clampUpdatedAt(device.updatedAt, serverNow);
	if (!server)
		return { merged: { ...device, updatedAt: deviceAt, _deleted: deleted(device) }, losers: [] };
	const serverAt = server.updatedAt;
	const deviceWinsTies = (f: string) => {
		if (deviceAt !== serverAt) return deviceAt > serverAt;
		return compareCanonical(device[f], server[f]) > 0;
	};

	const merged: Doc = { id: server.id, updatedAt: Math.max(serverAt, deviceAt) };
	const losers: ConflictLoser[] = [];
	let deviceEdits = false;
	let serverEdits = false;
	for (const f of contentFields(base, server, device)) {
		const dChanged = !jsonEqual(base?.[f], device[f]);
		const sChanged = !jsonEqual(base?.[f], server[f]);
		deviceEdits ||= dChanged;
		serverEdits ||= sChanged;
		let value: unknown;
		if (dChanged && sChanged && !jsonEqual(device[f], server[f])) {
			const deviceWins = deviceWinsTies(f);
			value = deviceWins ? device[f] : server[f];
			const loser = deviceWins ? server : device;
			losers.push({
				field: f,
				value: loser[f],
				updatedAt: deviceWins ? serverAt : deviceAt,
				side: deviceWins ? 'server' : 'device'
			});
		} else {
			value = dChanged ? device[f] : server[f];
		}
		if (value !== undefined) merged[f] = value;
	}

	merged._deleted = mergeDeleted(base, server, device, deviceEdits, serverEdits, losers, {
		deviceAt,
		serverAt
	});
	return { merged, losers };
}

/** A delete against a concurrent edit keeps the edit and records the delete as a loser. */
function mergeDeleted(
	base: Doc | undefined,
	server: Doc,
	device: Doc,
	deviceEdits: boolean,
	serverEdits: boolean,
	losers: ConflictLoser[],
	at: { deviceAt: number; serverAt: number }
): boolean {
	const baseDel = deleted(base);
	const dDel = deleted(device);
	const sDel = deleted(server);
	const dDeletes = dDel && !baseDel;
	const sDeletes = sDel && !baseDel;
	if (dDeletes && sDeletes) return true;
	if (dDeletes) {
		if (!serverEdits) return true;
		losers.push({ field: '_deleted', value: true, updatedAt: at.deviceAt, side: 'device' });
		return false;
	}
	if (sDeletes) {
		if (!deviceEdits) return true;
		losers.push({ field: '_deleted', value: true, updatedAt: at.serverAt, side: 'server' });
		return false;
	}
	// Neither side deleted since base: a restore (or nothing) on either side keeps it.
	return dDel !== baseDel ? dDel : sDel;
}
