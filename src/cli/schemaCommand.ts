/**
 * `pipewright schema --dialect ID`: the JSON Schema Pipewright validates a dialect's files with,
 * descriptions included, as plain JSON Schema draft-07 that any standard validator accepts — e.g.
 * yaml-language-server (`# yaml-language-server: $schema=./valohai.schema.json`), whose validator
 * is draft-07, or check-jsonschema.
 *
 * Our schemas are draft 2020-12 and carry keywords of their own (core/schema/extensions.ts, the
 * dialect folders). Each of ours is translated into standard keywords with the same meaning, or
 * dropped:
 *   - `x-form`, `x-messages` (any `x-*`): the editor's form hints and message texts; they
 *     constrain nothing. Dropped rather than kept, because a strict validator (ajv's default
 *     strict mode) refuses a schema with keywords it does not know.
 *   - Determined's `optionalRef: R` (null means "not given", anything else must be R) →
 *     `anyOf: [{type: null}, {$ref: R}]`.
 *   - `union: {items}` (exactly one item must fit; `unionKey`/`defaultMessage` only pick the error
 *     message) → `oneOf` of its items, without their `unionKey`.
 *   - `checks: {message: schema}` (each schema must fit; the key is its message) → `allOf`.
 *   - `disallowProperties: {key: message}` (the key must not be there) → `not` an object with it.
 *   - `eventuallyRequired`, `eventually`: Determined enforces them only after the cluster's
 *     defaults are merged, so neither we nor this schema do. Dropped.
 *   - `compareProperties` (`a < b` between two values of one object, or a path inside another):
 *     JSON Schema cannot compare two values of the instance. Dropped: such files pass here and
 *     fail in `pipewright lint` (schemaCommand.test.ts lists the corpus cases).
 * A translated keyword goes where the original was when that keyword is free there, else into
 * `allOf`, so nothing already there is replaced.
 *
 * And 2020-12 becomes draft-07: `$defs` → `definitions` (and every `#/$defs/` reference with it);
 * `prefixItems: [A, B]` with `items: X` → `items: [A, B]` with `additionalItems: X`; a `$ref`
 * beside other validation keywords (which 2020-12 applies and draft-07 ignores) moves into
 * `allOf`. Annotations (`deprecated`, `examples`...) stay.
 *
 * Usage: `standardSchema(dialect)` → JSON Schema; `schemaCommand(['--dialect', 'valohai'], io, usage)`
 */
import { dialectById, dialects } from '../core/dialects';
import type { Dialect } from '../core/contracts/dialect';
import type { JsonSchema } from '../core/contracts/schema';

export const SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** Keywords whose value is one schema. */
const ONE = ['additionalProperties', 'items', 'contains', 'not', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
/** Keywords whose value is a map of name → schema. */
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Keywords whose value is a list of schemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Our keywords with no standard equivalent that changes validity in Determined's sanity phase. */
const DROPPED = ['eventuallyRequired', 'eventually', 'compareProperties', 'unionKey'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Put `keyword: value` on `out`, or into its `allOf` when the keyword is already taken. */
function add(out: JsonSchema, keyword: string, value: unknown): void {
  if (!(keyword in out)) out[keyword] = value;
  else out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), { [keyword]: value }];
}

/** Keywords that only annotate: they may stay beside a `$ref` in draft-07 (which ignores them there). */
const ANNOTATIONS = ['title', 'description', '$comment', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly'];

/** A 2020-12 reference into `$defs` → the same place under draft-07's `definitions`. */
const draft07Ref = (ref: string): string => ref.replace(/#\/\$defs\//, '#/definitions/');

/** One schema (or boolean schema) in standard draft-07 keywords only. */
export function translate(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonSchema = {};
  const later: [string, unknown][] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || DROPPED.includes(key)) continue;
    if (ONE.includes(key)) out[key] = translate(value);
    else if (MAP.includes(key) && isObject(value)) out[key === '$defs' ? 'definitions' : key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translate(v)]));
    else if (LIST.includes(key) && Array.isArray(value)) out[key] = [...((out[key] as unknown[] | undefined) ?? []), ...value.map(translate)];
    else if (key === '$ref' && typeof value === 'string') out.$ref = draft07Ref(value);
    else if (key === 'optionalRef' && typeof value === 'string') later.push(['anyOf', [{ type: 'null' }, { $ref: draft07Ref(value) }]]);
    else if (key === 'union' && isObject(value) && Array.isArray(value.items)) later.push(['oneOf', value.items.map(translate)]);
    else if (key === 'checks' && isObject(value)) for (const s of Object.values(value)) later.push(['allOf', [translate(s)]]);
    else if (key === 'disallowProperties' && isObject(value)) for (const k of Object.keys(value)) later.push(['not', { type: 'object', required: [k] }]);
    else out[key] = value;
  }
  for (const [keyword, value] of later) {
    if (keyword === 'allOf') out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), ...(value as unknown[])];
    else add(out, keyword, value);
  }
  if (Array.isArray(out.prefixItems)) {
    const rest = out.items;
    out.items = out.prefixItems;
    delete out.prefixItems;
    if (rest !== undefined) out.additionalItems = rest;
    else delete out.additionalItems;
  }
  if (typeof out.$ref === 'string' && Object.keys(out).some((k) => k !== '$ref' && !ANNOTATIONS.includes(k))) {
    const ref = out.$ref;
    delete out.$ref;
    out.allOf = [{ $ref: ref }, ...((out.allOf as unknown[] | undefined) ?? [])];
  }
  return out;
}

/** The dialect's schema as standard JSON Schema draft-07, saying where it came from in `$comment`. */
export function standardSchema(dialect: Dialect): JsonSchema {
  const translated = translate(dialect.schema) as JsonSchema;
  const { $schema: _s, $id, $comment: _c, ...rest } = translated;
  return {
    $schema: SCHEMA_DIALECT,
    ...($id !== undefined ? { $id } : {}),
    $comment: `The schema Pipewright validates ${dialect.label} files with (pipewright schema --dialect ${dialect.id}), in standard JSON Schema draft-07. Pipewright also checks rules no JSON Schema can say (pipewright lint).`,
    ...rest,
  };
}

export interface SchemaIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

export function schemaCommand(args: string[], io: SchemaIO, usage: string): number {
  let dialectId: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dialect' && i + 1 < args.length) dialectId = args[++i];
    else if (a.startsWith('--dialect=')) dialectId = a.slice('--dialect='.length);
    else {
      io.err(`${a === '--dialect' ? '--dialect needs a value' : `Unexpected argument ${a}`}\n\n${usage}`);
      return 2;
    }
  }
  const known = dialects.map((d) => d.id).join(', ');
  if (dialectId === undefined) {
    io.err(`Which schema? Give --dialect ID (${known})\n\n${usage}`);
    return 2;
  }
  const dialect = dialectById(dialectId);
  if (!dialect) {
    io.err(`Unknown dialect "${dialectId}"; known: ${known}`);
    return 2;
  }
  io.out(JSON.stringify(standardSchema(dialect), null, 2));
  return 0;
}
