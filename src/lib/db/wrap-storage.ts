/** A storage like `storage` whose every instance is adjusted by `adjust` as it is created. */
import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';

export type AnyInstance<I, S> = RxStorageInstance<Record<string, unknown>, I, S>;

export function wrapInstances<I, S>(
	storage: RxStorage<I, S>,
	adjust: (instance: AnyInstance<I, S>, params: RxStorageInstanceCreationParams<unknown, S>) => void
): RxStorage<I, S> {
	const createStorageInstance = async (params: RxStorageInstanceCreationParams<unknown, S>) => {
		const instance = (await storage.createStorageInstance(params)) as AnyInstance<I, S>;
		adjust(instance, params);
		return instance;
	};
	return Object.assign({}, storage, { createStorageInstance }) as RxStorage<I, S>;
}
