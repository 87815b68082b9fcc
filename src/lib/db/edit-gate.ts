/**
 * What must be in place before the device changes a record it already holds. Sync keeps a
 * pulled record's state (the base of the server's field merge) just before its first local
 * change, through a hook it installs when its code has loaded, after the page's first
 * content. An edit saved before that would reach the server without its base, and the merge
 * could drop another device's change; so the write path waits on this gate, which sync sets
 * while it runs for a user (and which loads it at once when an edit comes first).
 */
type Gate = () => Promise<void>;

const open: Gate = () => Promise.resolve();
let gate: Gate = open;

/** Sets what edits wait for (undefined: nothing). */
export function setEditGate(next: Gate | undefined): void {
	gate = next ?? open;
}

/** Resolves when an edit of a stored record may be written. */
export function editsReady(): Promise<void> {
	return gate();
}
