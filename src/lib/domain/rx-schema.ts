/**
 * Derives RxDB JSON schemas from the zod record schemas, so a record's shape is written
 * once. RxDB keeps `_deleted` itself, and needs bounds on indexed fields.
 *
 * The app does not run this: `npm run gen:schemas` writes its output to
 * `rx-schemas.generated.ts`, which the database imports (zod and its JSON Schema code stay
 * off the first page), and `rx-schemas.generated.test.ts` fails when that file is stale.
 */
import { z } from 'zod';
import { collectionIndexes, recordSchemas, type CollectionName } from './collections';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> };

/** Bumped whenever a schema changes in a way RxDB must migrate. */
export const RX_SCHEMA_VERSION = 0;

function strip(schema: JsonSchema): JsonSchema {
	const out: JsonSchema = {};
	for (const [k, v] of Object.entries(schema)) {
		if (
			k === '$schema' ||
			k === 'pattern' ||
			k === 'format' ||
			k === 'default' ||
			k === 'propertyNames' ||
			(k === 'additionalProperties' && v === false)
		)
			continue;
		if (k === 'properties' && v && typeof v === 'object') {
			out.properties = Object.fromEntries(
				Object.entries(v as Record<string, JsonSchema>).map(([pk, pv]) => [pk, strip(pv)])
			);
		} else if ((k === 'items' || k === 'additionalProperties') && v && typeof v === 'object') {
			out[k] = strip(v as JsonSchema);
		} else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') {
			out[k] = (v as JsonSchema[]).map(strip);
		} else {
			out[k] = v;
		}
	}
	return out;
}

/** The RxDB schema of one collection, derived from its zod schema. */
export function rxSchemaFor(name: CollectionName) {
	const json = strip(
		z.toJSONSchema(recordSchemas[name], { io: 'output', unrepresentable: 'any' }) as JsonSchema
	);
	const properties = { ...(json.properties ?? {}) };
	delete properties._deleted;
	const required = ((json.required as string[] | undefined) ?? []).filter((f) => f !== '_deleted');
	properties.id = { type: 'string', maxLength: 36 };
	properties.updatedAt = { type: 'number', minimum: 0, maximum: 4_102_444_800_000, multipleOf: 1 };
	const indexes = collectionIndexes[name];
	for (const field of new Set(indexes.flat())) {
		const p = properties[field] as JsonSchema;
		if (p.type === 'string' && p.maxLength === undefined) p.maxLength = 64;
		if (p.type === 'number' || p.type === 'integer') {
			p.type = 'number';
			p.minimum ??= 0;
			p.maximum ??= 4_102_444_800_000;
			p.multipleOf = 1;
		}
		if (!required.includes(field)) throw new Error(`${name}.${field} is indexed but optional`);
	}
	return {
		title: name,
		version: RX_SCHEMA_VERSION,
		primaryKey: 'id',
		type: 'object' as const,
		properties,
		required,
		indexes
	};
}

/** The RxDB schema of a collection as `rxSchemaFor` makes it (and the generated module holds). */
export type RxCollectionSchema = ReturnType<typeof rxSchemaFor>;
