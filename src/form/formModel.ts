/**
 * What control a schema place becomes, read from the dialect's schema alone — no per-key code.
 * Pure: no React, so it is unit-tested directly.
 *
 * Form hints live in the schema under `x-form` (see FORM_KEYWORD):
 *   primary: keys shown even when absent; other absent keys go under "More"
 *   template: the value a new item starts with
 *   scalar: how a free value is written ('string' | 'integer' | 'float' | 'boolean')
 *   add: false — not offered by an "Add" button (e.g. an older alias)
 *   entry: what an entry of a free-form map is called ("Add hyperparameter")
 */
import { isMapping } from '../core/guards';
import type { JsonSchema } from '../core/contracts/schema';
import type { EditIntent } from '../core/contracts/change';
import { branchTitle, childSchema, resolveSchema, roughlyMatches } from '../core/schema/schemaAtPath';
import { VARIANTS_KEYWORD } from '../core/contracts/schema';
import { FORM_KEYWORD } from '../core/contracts/schema';
import type { Path } from '../core/contracts/path';
import type { Diagnostic } from '../core/contracts/diagnostics';

export type ScalarKind = 'string' | 'integer' | 'float' | 'number' | 'boolean';

export type Control =
  | { kind: 'object' }
  | { kind: 'array' }
  | { kind: 'enum'; options: unknown[] }
  | { kind: 'boolean' }
  | { kind: 'scalar'; as: ScalarKind | 'any' }
  | { kind: 'textOrList' };

export interface FormHints {
  primary?: string[];
  template?: unknown;
  scalar?: ScalarKind;
  add?: boolean;
  /** For a free-form map (`additionalProperties`): what one entry is called ("hyperparameter"). */
  entry?: string;
}

export function hints(schema: JsonSchema | undefined): FormHints {
  return ((schema?.[FORM_KEYWORD] as FormHints | undefined) ?? {}) as FormHints;
}

function types(schema: JsonSchema): string[] {
  const t = schema.type;
  return t === undefined ? [] : Array.isArray(t) ? (t as string[]) : [t as string];
}

/** The control for a flattened schema and the value found there (the value decides only where the schema allows several shapes). */
export function controlFor(schema: JsonSchema | undefined, value: unknown): Control {
  if (!schema) return { kind: 'scalar', as: 'any' };
  if (Array.isArray(schema.enum)) return { kind: 'enum', options: schema.enum as unknown[] };
  const t = types(schema);
  const hint = hints(schema).scalar;
  if (t.includes('string') && t.includes('array') && t.length === 2) return { kind: 'textOrList' };
  if (Array.isArray(value) && (t.length === 0 || t.includes('array'))) return { kind: 'array' };
  if (isMapping(value) && (t.length === 0 || t.includes('object'))) return { kind: 'object' };
  if (t.length === 1 && t[0] === 'object') return { kind: 'object' };
  if (t.length === 1 && t[0] === 'array') return { kind: 'array' };
  if (t.length === 1 && t[0] === 'boolean') return { kind: 'boolean' };
  if (hint === 'boolean' && (value === undefined || typeof value === 'boolean')) return { kind: 'boolean' };
  if (t.length === 1 && t[0] === 'integer') return { kind: 'scalar', as: 'integer' };
  if (t.length === 1 && t[0] === 'number') return { kind: 'scalar', as: 'number' };
  if (t.length === 1 && t[0] === 'string') return { kind: 'scalar', as: 'string' };
  return { kind: 'scalar', as: hint ?? 'any' };
}

/** The flattened schema of a child, given its parent's flattened schema. */
export function childOf(root: JsonSchema, parent: JsonSchema | undefined, seg: string | number, value: unknown): JsonSchema | undefined {
  if (!parent) return undefined;
  return resolveSchema(root, childSchema(parent, seg), value);
}

export interface ObjectLayout {
  /** Keys shown as fields: present ones in document order (the form mirrors the file), then absent required and primary ones in schema order. */
  shown: string[];
  /** Known keys that are absent and not primary: offered under "More". */
  more: string[];
  /** Keys the schema does not know: shown read-only, kept as they are. */
  unknown: string[];
}

export function objectLayout(schema: JsonSchema | undefined, value: Record<string, unknown> | undefined): ObjectLayout {
  const props = Object.keys((schema?.properties as JsonSchema | undefined) ?? {});
  const present = Object.keys(value ?? {});
  const required = (schema?.required as string[] | undefined) ?? [];
  const primary = hints(schema).primary ?? props;
  const known = new Set(props);
  // As in JSON Schema, keys not listed are allowed unless `additionalProperties: false` says otherwise.
  const allowsOthers = schema !== undefined && schema.additionalProperties !== false;
  const shown = [...present.filter((k) => known.has(k)), ...props.filter((k) => !present.includes(k) && (required.includes(k) || primary.includes(k)))];
  const more = props.filter((k) => !shown.includes(k));
  const unknown = present.filter((k) => !known.has(k));
  if (allowsOthers) return { shown: [...shown, ...unknown], more, unknown: [] };
  return { shown, more, unknown };
}

/**
 * An object that is a single-key wrapper around a named object (valohai's `- step: {name: ...}`):
 * shown as one group titled "Step: train" instead of two nested levels.
 */
export function wrapperKey(schema: JsonSchema | undefined, value: unknown): string | undefined {
  if (!isMapping(value) || !schema?.properties) return undefined;
  const props = schema.properties as JsonSchema;
  const keys = Object.keys(value).filter((k) => k in props);
  if (keys.length !== 1 || Object.keys(value).length !== 1) return undefined;
  return keys[0];
}

/** A person's name for one item: "Step: train", "Parameter: max_steps", "Edge 2". */
export function itemTitle(kindTitle: string, value: unknown, index: number): string {
  const name = isMapping(value) && typeof value.name === 'string' && value.name !== '' ? value.name : undefined;
  return name ? `${kindTitle}: ${name}` : `${kindTitle} ${index + 1}`;
}

export function titleOf(schema: JsonSchema | undefined, fallback: string): string {
  const t = schema?.title;
  return typeof t === 'string' ? t : fallback;
}

/** "Add parameter" from an item title "Parameter". */
export function addLabel(itemTitle: string): string {
  return `Add ${itemTitle.charAt(0).toLowerCase()}${itemTitle.slice(1)}`;
}

/** The starting value of a new item: the schema's template (with a unique name), or its required keys filled by type. */
export function newItem(schema: JsonSchema | undefined, siblings: unknown[]): unknown {
  const template = hints(schema).template;
  const base = template !== undefined ? structuredClone(template) : fromRequired(schema);
  if (isMapping(base) && typeof base.name === 'string') {
    const taken = new Set(siblings.map((s) => (isMapping(s) ? s.name : undefined)));
    let name = base.name;
    for (let i = 2; taken.has(name); i++) name = `${base.name}-${i}`;
    base.name = name;
  }
  return base;
}

function fromRequired(schema: JsonSchema | undefined): unknown {
  const t = schema ? types(schema) : [];
  if (t.includes('object') || schema?.properties) {
    const out: Record<string, unknown> = {};
    const props = (schema?.properties as Record<string, JsonSchema> | undefined) ?? {};
    for (const k of (schema?.required as string[] | undefined) ?? []) out[k] = emptyOf(props[k]);
    return out;
  }
  return emptyOf(schema);
}

function emptyOf(schema: JsonSchema | undefined): unknown {
  if (schema && Array.isArray(schema.enum)) return schema.enum[0];
  if (schema && 'default' in schema) return schema.default;
  const t = schema ? types(schema) : [];
  if (t[0] === 'integer' || t[0] === 'number') return 0;
  if (t[0] === 'boolean') return false;
  if (t[0] === 'array') return [];
  if (t[0] === 'object') return {};
  return '';
}

const interned = new Map<string, Path>();

/** One array per distinct path, so memoized views can compare paths by identity. */
export function pathOf(path: Path): Path {
  const key = pathKey(path);
  let p = interned.get(key);
  if (!p) {
    p = Object.freeze([...path]) as Path;
    interned.set(key, p);
  }
  return p;
}

export function childPath(path: Path, seg: string | number): Path {
  return pathOf([...path, seg]);
}

export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

export function isPrefix(prefix: readonly (string | number)[], path: readonly (string | number)[] | null): boolean {
  if (!path || prefix.length > path.length) return false;
  return prefix.every((seg, i) => seg === path[i]);
}

export function samePath(a: readonly (string | number)[], b: readonly (string | number)[] | null): boolean {
  return b !== null && a.length === b.length && isPrefix(a, b);
}

/** One analysis's diagnostics by where they are, for the form's rows and groups. */
export interface DiagnosticIndex {
  /** By path key: the diagnostics at exactly that path, one `severity<TAB>message` line each. */
  at: ReadonlyMap<string, string>;
  /** By path key: how many errors are at that path or inside it. */
  errorsWithin: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<readonly Diagnostic[], DiagnosticIndex>();

/**
 * Built once per analysis (each brings a new list): every row and group of the form looks its
 * own up, instead of each filtering the whole list again whenever anything in the store changes.
 */
export function diagnosticIndex(diagnostics: readonly Diagnostic[]): DiagnosticIndex {
  const known = indexes.get(diagnostics);
  if (known) return known;
  const at = new Map<string, string>();
  const errorsWithin = new Map<string, number>();
  for (const d of diagnostics) {
    const key = pathKey(d.path);
    const line = `${d.severity}\t${d.message}`;
    const before = at.get(key);
    at.set(key, before === undefined ? line : `${before}\n${line}`);
    if (d.severity !== 'error') continue;
    for (let i = 0; i <= d.path.length; i++) {
      const within = pathKey(d.path.slice(0, i));
      errorsWithin.set(within, (errorsWithin.get(within) ?? 0) + 1);
    }
  }
  const index = { at, errorsWithin };
  indexes.set(diagnostics, index);
  return index;
}

/** Long lists render in pages: a 5 MB file has thousands of steps, and the form must stay quick. */
export const PAGE = 100;

/** Indexes to render: the first `limit`, then (after a gap, marked -1) the page starting at `extra`. */
export function visibleIndexes(count: number, limit: number, extra: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(count, limit); i++) out.push(i);
  if (extra >= limit && extra < count) {
    out.push(-1);
    for (let i = extra; i < Math.min(count, extra + PAGE); i++) out.push(i);
  }
  return out;
}

// ---- alternative shapes (a hyperparameter that is an integer range, a list of choices...) ------

export interface Variant {
  title: string;
  branch: JsonSchema;
}

/** The titled shapes a place may take (see VARIANTS_KEYWORD), or undefined when it has one shape. */
export function variantsOf(root: JsonSchema, schema: JsonSchema | undefined): Variant[] | undefined {
  const branches = schema?.[VARIANTS_KEYWORD] as JsonSchema[] | undefined;
  if (!Array.isArray(branches)) return undefined;
  return branches.map((branch) => ({ title: branchTitle(root, branch) ?? '', branch }));
}

/** Which shape the value has now: the first that fits it (-1: none does). */
export function currentVariant(root: JsonSchema, variants: Variant[], value: unknown): number {
  return variants.findIndex((v) => roughlyMatches(root, v.branch, value));
}

/**
 * The value in another shape, keeping what it can: the new shape's template (or its required keys),
 * then every key of the old value that the new shape also has and whose value fits there. Keys
 * fixed by the shape (a `const` like `type: int`) come from the template.
 */
export function switchVariant(root: JsonSchema, value: unknown, target: Variant): unknown {
  const schema = resolveSchema(root, target.branch, undefined);
  const next = newItem(schema, []);
  if (!isMapping(next) || !isMapping(value)) return next;
  const props = (schema?.properties as Record<string, JsonSchema> | undefined) ?? {};
  for (const [key, old] of Object.entries(value)) {
    const prop = resolveSchema(root, props[key], old);
    if (!prop || 'const' in prop) continue;
    if (roughlyMatches(root, prop, old)) next[key] = old;
  }
  return next;
}

/**
 * The smallest change from one value to the other as ONE intent (one undo step): per key when
 * both are mappings sharing keys (a batch of deletes and sets), else the whole value.
 */
export function replaceIntent(path: Path, from: unknown, to: unknown): EditIntent {
  const common = isMapping(from) && isMapping(to) ? Object.keys(from).filter((k) => k in to) : [];
  if (!isMapping(from) || !isMapping(to) || common.length === 0) return { kind: 'set', path, value: to };
  const out: EditIntent[] = [];
  for (const key of Object.keys(from)) if (!(key in to)) out.push({ kind: 'delete', path: [...path, key] });
  for (const [key, v] of Object.entries(to)) if (JSON.stringify(from[key]) !== JSON.stringify(v)) out.push({ kind: 'set', path: [...path, key], value: v });
  return out.length === 1 ? out[0] : { kind: 'batch', intents: out };
}
