/**
 * The schema that applies at a path of a document, with `$ref`, `allOf`, `if/then/else`,
 * `anyOf/oneOf` and the root's extension keywords (extensions.ts) resolved against the data found there — what completion, hover and the form
 * need to know about a place ("which keys may go here, what do they mean").
 *
 * Usage: `schemaAtPath(valohai.schema, parsed.value, [0, 'step', 'parameters', 0, 'type'])`
 *        → `{ enum: ['string', 'integer', 'float', 'flag'], default: 'string', description: ... }`
 */
import { isMapping } from '../guards';
import { VARIANTS_KEYWORD, type JsonSchema } from '../contracts/schema';
import type { Path } from '../contracts/path';
import { extensionsOf } from './extensions';

type SchemaLike = JsonSchema | boolean;

/** The title of a branch, following `$ref`s. */
export function branchTitle(root: JsonSchema, branch: SchemaLike, depth = 0): string | undefined {
  if (!isSchema(branch) || depth > 20) return undefined;
  if (typeof branch.title === 'string') return branch.title;
  return typeof branch.$ref === 'string' ? branchTitle(root, resolveRef(root, branch.$ref) ?? {}, depth + 1) : undefined;
}

function titled(root: JsonSchema, branches: SchemaLike[]): boolean {
  return branches.length >= 2 && branches.every((b) => branchTitle(root, b) !== undefined);
}

/** Keywords consumed by resolution; the flattened result never contains them. */
const RESOLVED = new Set(['$ref', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', '$defs', '$schema', '$id']);

function isSchema(s: unknown): s is JsonSchema {
  return isMapping(s);
}

/** Follow a local `$ref` (`#`, `#/$defs/x`, any JSON pointer into the root). */
export function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[seg] : undefined;
  }
  return isSchema(node) ? node : undefined;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A cheap structural check, enough to pick the branch the data means: type, const, enum,
 * required, pattern, and the same for the properties that are present. Not a validator.
 */
export function roughlyMatches(root: JsonSchema, schema: SchemaLike, value: unknown, depth = 0): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  if (depth > 20) return true;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    if (target && !roughlyMatches(root, target, value, depth + 1)) return false;
  }
  for (const ext of extensionsOf(root)) {
    const keyword = ext.definition.keyword;
    if (ext.expand && keyword in schema) {
      const plain = ext.expand(schema[keyword], value, root);
      if (plain && !roughlyMatches(root, plain, value, depth + 1)) return false;
    }
  }
  const t = schema.type;
  if (t !== undefined) {
    const types = Array.isArray(t) ? t : [t];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return false;
  }
  if ('const' in schema && !deepEqual(schema.const, value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => deepEqual(v, value))) return false;
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return false;
  if (isSchema(value)) {
    const obj = value as Record<string, unknown>;
    if (Array.isArray(schema.required) && !schema.required.every((k) => String(k) in obj)) return false;
    const props = isSchema(schema.properties) ? schema.properties : {};
    for (const [k, sub] of Object.entries(props)) {
      if (k in obj && !roughlyMatches(root, sub as SchemaLike, obj[k], depth + 1)) return false;
    }
  }
  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => roughlyMatches(root, s as SchemaLike, value, depth + 1))) return false;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && !branches.some((s) => roughlyMatches(root, s as SchemaLike, value, depth + 1))) return false;
  }
  return true;
}

/** Merge `extra` into `base`: properties are combined, `required` unioned, otherwise `base` wins. */
function merge(base: JsonSchema, extra: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...extra, ...base };
  if (isSchema(base.properties) || isSchema(extra.properties)) {
    const props: JsonSchema = { ...((extra.properties as JsonSchema) ?? {}) };
    for (const [k, v] of Object.entries((base.properties as JsonSchema) ?? {})) {
      props[k] = isSchema(props[k]) && isSchema(v) ? { allOf: [v, props[k]] } : v;
    }
    out.properties = props;
  }
  if (Array.isArray(base.required) || Array.isArray(extra.required)) {
    out.required = [...new Set([...((base.required as unknown[]) ?? []), ...((extra.required as unknown[]) ?? [])])];
  }
  if (base.type !== undefined && extra.type !== undefined && !deepEqual(base.type, extra.type)) {
    const a = Array.isArray(base.type) ? base.type : [base.type];
    const b = Array.isArray(extra.type) ? extra.type : [extra.type];
    const both = a.filter((t) => b.includes(t));
    out.type = both.length === 1 ? both[0] : both.length > 0 ? both : base.type;
  }
  return out;
}

/**
 * Flatten one schema for one value: refs followed, allOf merged, the if/then/else branch the
 * data selects merged, and the anyOf/oneOf branches that fit the data merged (all of them when
 * the data does not decide, so completion can offer every possibility).
 */
export function resolveSchema(root: JsonSchema, schema: SchemaLike | undefined, value: unknown, depth = 0): JsonSchema | undefined {
  if (schema === undefined || schema === false) return undefined;
  if (schema === true) return {};
  if (depth > 20) return schema;
  let out: JsonSchema = {};
  const extensions = extensionsOf(root);
  for (const [k, v] of Object.entries(schema)) if (!RESOLVED.has(k) && !extensions.some((e) => e.expand && e.definition.keyword === k)) out[k] = v;
  for (const ext of extensions) {
    const keyword = ext.definition.keyword;
    if (!ext.expand || !(keyword in schema)) continue;
    const part = resolveSchema(root, ext.expand(schema[keyword], value, root), value, depth + 1);
    if (part) out = merge(out, part);
    const alternatives = ext.alternatives?.(schema[keyword]);
    if (alternatives && titled(root, alternatives)) out[VARIANTS_KEYWORD] = alternatives;
  }
  if (typeof schema.$ref === 'string') {
    const target = resolveSchema(root, resolveRef(root, schema.$ref), value, depth + 1);
    if (target) out = merge(out, target);
  }
  for (const sub of (schema.allOf as SchemaLike[] | undefined) ?? []) {
    const part = resolveSchema(root, sub, value, depth + 1);
    if (part) out = merge(out, part);
  }
  if (schema.if !== undefined && value !== undefined) {
    const branch = roughlyMatches(root, schema.if as SchemaLike, value) ? schema.then : schema.else;
    const part = resolveSchema(root, branch as SchemaLike | undefined, value, depth + 1);
    if (part) out = merge(out, part);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key] as SchemaLike[] | undefined;
    if (!Array.isArray(branches)) continue;
    const fitting = value === undefined ? [] : branches.filter((b) => roughlyMatches(root, b, value));
    for (const b of fitting.length > 0 ? fitting : branches) {
      const part = resolveSchema(root, b, value, depth + 1);
      if (part) out = merge(out, part);
    }
    if (titled(root, branches)) out[VARIANTS_KEYWORD] = branches;
  }
  // Merged property schemas may be `{allOf: [...]}`; callers resolve them when they step in.
  return out;
}

/** The raw (unresolved) schema of one child of an already flattened schema. */
export function childSchema(schema: JsonSchema, seg: string | number): SchemaLike | undefined {
  if (typeof seg === 'number') {
    const prefix = schema.prefixItems as SchemaLike[] | undefined;
    if (Array.isArray(prefix) && seg < prefix.length) return prefix[seg];
    return schema.items as SchemaLike | undefined;
  }
  const props = schema.properties as Record<string, SchemaLike> | undefined;
  if (props && seg in props) return props[seg];
  const patterns = schema.patternProperties as Record<string, SchemaLike> | undefined;
  for (const [pattern, sub] of Object.entries(patterns ?? {})) {
    if (new RegExp(pattern, 'u').test(seg)) return sub;
  }
  const extra = schema.additionalProperties as SchemaLike | undefined;
  return extra === undefined ? undefined : extra;
}

function childValue(value: unknown, seg: string | number): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<string | number, unknown>)[seg];
}

/**
 * The flattened schema for the value at `path` of `value` (the document's plain JS value), or
 * undefined when the schema says nothing may be there (an unknown key, a list item past `items: false`).
 * The value at the path does not have to exist: the schema of a key about to be typed is found too.
 */
export function schemaAtPath(root: JsonSchema, value: unknown, path: Path): JsonSchema | undefined {
  let data = value;
  let schema = resolveSchema(root, root, data);
  for (const seg of path) {
    if (!schema) return undefined;
    const next = childSchema(schema, seg);
    data = childValue(data, seg);
    schema = resolveSchema(root, next, data);
  }
  return schema;
}
