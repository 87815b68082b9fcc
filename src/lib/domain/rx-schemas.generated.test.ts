import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from './collection-names';
import { rxSchemaFor } from './rx-schema';
import { RX_SCHEMAS } from './rx-schemas.generated';

describe('rx-schemas.generated.ts', () => {
	it('holds exactly the collections', () => {
		expect(Object.keys(RX_SCHEMAS)).toEqual([...COLLECTIONS]);
	});

	// RxDB stores a hash of each collection's schema: a generated schema that differed from
	// the derived one in anything, key order included, would make existing databases refuse
	// to open. Run `npm run gen:schemas` when this fails.
	it.each(COLLECTIONS)('is what rxSchemaFor(%s) derives from the zod schema', (name) => {
		expect(RX_SCHEMAS[name]).toEqual(rxSchemaFor(name));
		expect(JSON.stringify(RX_SCHEMAS[name])).toBe(JSON.stringify(rxSchemaFor(name)));
	});
});
