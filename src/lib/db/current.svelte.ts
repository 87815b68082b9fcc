/**
 * The database the app is using now: the signed-in user's (`$lib/sync/account.ts` opens
 * it). Pages read `current.db`, and `current.userId` is the owner of new customers;
 * switching users closes the previous database first (RxDB allows few open collections).
 */
import { openDatabase, type FieldbookDb } from './database';

/** The owner id tests use for a device with nobody signed in. */
export const LOCAL_USER = 'local';

class CurrentDatabase {
	#db = $state.raw<FieldbookDb | undefined>(undefined);
	#userId = $state<string | undefined>(undefined);
	#opening: Promise<FieldbookDb> | undefined;

	get db(): FieldbookDb | undefined {
		return this.#db;
	}

	get userId(): string | undefined {
		return this.#userId;
	}

	/** Opens (or returns) the database of `userId`, closing another user's first. */
	async open(userId: string): Promise<FieldbookDb> {
		if (this.#userId === userId && this.#opening) return this.#opening;
		await this.close();
		this.#userId = userId;
		this.#opening = openDatabase({ userId });
		const db = await this.#opening;
		if (this.#userId === userId) this.#db = db;
		return db;
	}

	async close(): Promise<void> {
		const db = this.#db ?? (await this.#opening?.catch(() => undefined));
		this.#db = undefined;
		this.#opening = undefined;
		this.#userId = undefined;
		await db?.close();
	}
}

export const current = new CurrentDatabase();
