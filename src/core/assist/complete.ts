/**
 * Completion at the cursor, driven by the dialect's schema at the cursor's place (keys not yet
 * present, required first; enum values, booleans, the default) plus the dialect's optional
 * `assist` hooks for what a schema cannot know (names defined elsewhere in the file).
 *
 * Usage: `complete(dialect, text, offset, { parser })` → `Completion[]` (plain data for Monaco)
 */
import type { Dialect } from '../contracts/dialect';
import type { JsonSchema } from '../contracts/schema';
import { IncrementalParser } from '../document/incremental';
import type { ParsedDocument } from '../contracts/document';
import { renderScalar } from '../document/scalar';
import { childSchema, resolveSchema, schemaAtPath } from '../schema/schemaAtPath';
import { FORM_KEYWORD } from '../contracts/schema';
import type { Path } from '../contracts/path';
import { cursorContext } from './context';
import { firstSentence, schemaMarkdown, schemaTypes, typeLabel } from './describe';
import type { AssistContext, Completion } from '../contracts/assist';

export interface CompleteOptions {
  parser?: IncrementalParser;
  parsed?: ParsedDocument;
}

/** Literal text inside a snippet: `$`, `}` and `\` are escaped. */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

interface Stops {
  n: number;
}

function formHint(schema: JsonSchema | undefined): { template?: Record<string, unknown>; primary?: string[] } {
  const form = schema?.[FORM_KEYWORD];
  return form && typeof form === 'object' ? (form as { template?: Record<string, unknown>; primary?: string[] }) : {};
}

function resolveChild(root: JsonSchema, schema: JsonSchema | undefined, key: string | number, value?: unknown): JsonSchema | undefined {
  if (!schema) return undefined;
  return resolveSchema(root, childSchema(schema, key), value);
}

/** The keys a new mapping of this schema starts with: required ones, the form template's, then primary ones up to three. */
function startingKeys(schema: JsonSchema): string[] {
  const props = Object.keys((schema.properties as object | undefined) ?? {});
  const { template, primary } = formHint(schema);
  const keys = [...((schema.required as string[] | undefined) ?? []), ...Object.keys(template ?? {})].filter((k) => props.includes(k));
  const out = [...new Set(keys)];
  if (template) for (const k of primary ?? []) if (out.length < 3 && props.includes(k) && !out.includes(k)) out.push(k);
  return out;
}

function scalarStop(schema: JsonSchema | undefined, stops: Stops, initial: unknown): string {
  const n = ++stops.n;
  if (schema && Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string' || typeof v === 'number')) {
    const values = schema.enum.map(String);
    const first = initial !== undefined && values.includes(String(initial)) ? String(initial) : 'default' in schema ? String(schema.default) : values[0];
    const ordered = [first, ...values.filter((v) => v !== first)];
    return `\${${n}|${ordered.map((v) => v.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}`;
  }
  if (schema && schemaTypes(schema).length === 1 && schemaTypes(schema)[0] === 'boolean') {
    return schema.default === true ? `\${${n}|true,false|}` : `\${${n}|false,true|}`;
  }
  if (typeof initial === 'string' && initial !== '') return `\${${n}:${escapeSnippet(initial)}}`;
  return `\${${n}}`;
}

/** `key: …` (and the lines of its block) for a key at `column`; `pad` is what lines after the first start with. */
function keySnippet(root: JsonSchema, key: string, schema: JsonSchema | undefined, column: number, unit: string, stops: Stops, initial?: unknown, depth = 0): string {
  const types = schemaTypes(schema);
  const childPad = ' '.repeat(column) + unit;
  if (schema && depth < 2 && types.includes('object') && !types.includes('string') && schema.properties) {
    const keys = startingKeys(schema);
    if (keys.length === 0) return `${key}:\n${childPad}\${${++stops.n}}`;
    const tmpl = (initial && typeof initial === 'object' ? initial : formHint(schema).template) as Record<string, unknown> | undefined;
    const lines = keys.map((k) => childPad + keySnippet(root, k, resolveChild(root, schema, k), childPad.length, unit, stops, tmpl?.[k], depth + 1));
    return `${key}:\n${lines.join('\n')}`;
  }
  if (schema && depth < 2 && types.includes('array') && !types.includes('string')) {
    const items = resolveChild(root, schema, 0);
    if (items?.properties && schemaTypes(items).includes('object')) {
      return `${key}:\n${childPad}- ${itemBody(root, items, childPad.length + 2, unit, stops, depth + 1)}`;
    }
    return `${key}:\n${childPad}- ${scalarStop(items, stops, undefined)}`;
  }
  return `${key}: ${scalarStop(schema, stops, initial)}`;
}

/** The keys of a new list item (after its `- `), lines after the first at `column`. */
function itemBody(root: JsonSchema, items: JsonSchema, column: number, unit: string, stops: Stops, depth = 0): string {
  const keys = startingKeys(items);
  if (keys.length === 0) return `\${${++stops.n}}`;
  const template = formHint(items).template;
  return keys
    .map((k, i) => (i === 0 ? '' : ' '.repeat(column)) + keySnippet(root, k, resolveChild(root, items, k), column, unit, stops, template?.[k], depth + 1))
    .join('\n');
}

/** Re-indent a snippet body written with two-space steps for the place of a new item. */
export function placeSnippet(ctx: AssistContext, body: string): string {
  const item = ctx.kind === 'item';
  const column = item ? ctx.column + 2 : ctx.column;
  const lines = body.split('\n').map((line, i) => {
    const m = /^((?: {2})*)(.*)$/.exec(line)!;
    const inner = ctx.indentUnit.repeat(m[1].length / 2) + m[2];
    return i === 0 ? inner : ' '.repeat(column) + inner;
  });
  return (item ? '- ' : '') + lines.join('\n');
}

/** The sequence a new item goes into here: an `item` place, or an empty `- ` line. */
export function newItemSequence(ctx: AssistContext): Path | undefined {
  if (ctx.kind === 'item') return ctx.path;
  const last = ctx.path[ctx.path.length - 1];
  if (ctx.kind === 'key' && typeof last === 'number' && ctx.existingKeys.length === 0) return ctx.path.slice(0, -1);
  return undefined;
}

function keyCompletions(dialect: Dialect, ctx: AssistContext): Completion[] {
  const root = dialect.schema;
  let container: JsonSchema | undefined;
  let column = ctx.column;
  if (ctx.kind === 'item') {
    const seq = schemaAtPath(root, ctx.value, ctx.path);
    container = resolveChild(root, seq, 0);
    column = ctx.column + 2;
  } else container = schemaAtPath(root, ctx.value, ctx.path);
  const props = container?.properties as Record<string, unknown> | undefined;
  if (!container || !props) return [];
  const required = new Set(((container.required as string[] | undefined) ?? []).map(String));
  const out: Completion[] = [];
  Object.keys(props).forEach((key, index) => {
    if (ctx.existingKeys.includes(key)) return;
    const schema = resolveChild(root, container, key);
    const form = schema?.[FORM_KEYWORD] as { add?: boolean } | undefined;
    if (form?.add === false) return;
    const body = ctx.hasColon ? key : keySnippet(root, key, schema, column, ctx.indentUnit, { n: 0 });
    const isReq = required.has(key);
    const description = typeof schema?.description === 'string' ? firstSentence(schema.description) : '';
    out.push({
      label: ctx.kind === 'item' ? `- ${key}:` : key,
      filterText: key,
      kind: 'key',
      detail: `${typeLabel(schema)}${isReq ? ' (required)' : ''}${description ? ` — ${description}` : ''}`,
      documentation: schemaMarkdown(key, schema, isReq),
      insertText: ctx.kind === 'item' ? `- ${body}` : body,
      range: ctx.word,
      sortText: `${isReq ? 0 : 1}${String(index).padStart(3, '0')}`,
    });
  });
  return out;
}

function valueCompletions(ctx: AssistContext, schema: JsonSchema | undefined): Completion[] {
  if (!schema || ctx.inString) return [];
  const values: unknown[] = [];
  if (Array.isArray(schema.enum)) values.push(...schema.enum);
  else if ('const' in schema) values.push(schema.const);
  else if (schemaTypes(schema).includes('boolean')) values.push(true, false);
  if ('default' in schema && !values.some((v) => v === schema.default) && (typeof schema.default !== 'object' || schema.default === null)) values.push(schema.default);
  return values
    .filter((v) => v === null || typeof v !== 'object')
    .map((v, i) => {
      const isDefault = 'default' in schema && schema.default === v;
      let source: string;
      try {
        source = renderScalar(v, { version: ctx.version }).source;
      } catch {
        source = String(v);
      }
      return {
        label: String(v),
        kind: 'value' as const,
        detail: isDefault ? 'default' : typeLabel(schema),
        documentation: schemaMarkdown(undefined, schema),
        insertText: ctx.lead + escapeSnippet(source),
        range: ctx.word,
        sortText: `${isDefault ? 0 : 1}${String(i).padStart(3, '0')}`,
        preselect: isDefault || undefined,
      };
    });
}

/** Completions for an already computed context (the dialect's hooks included). */
export function completionsAt(dialect: Dialect, given: AssistContext): Completion[] {
  const out: Completion[] = [];
  let ctx = given;
  if (ctx.kind === 'key' && ctx.existingKeys.length === 0 && typeof ctx.path[ctx.path.length - 1] === 'number') {
    // `- |` in a list of scalars: a value, not a key.
    const here = schemaAtPath(dialect.schema, ctx.value, ctx.path);
    const types = schemaTypes(here);
    if (here && types.length > 0 && !types.includes('object')) ctx = { ...ctx, kind: 'value' };
  }
  let schema: JsonSchema | undefined;
  if (ctx.kind === 'value') {
    schema = schemaAtPath(dialect.schema, ctx.value, ctx.path);
    out.push(...valueCompletions(ctx, schema));
  } else {
    schema = schemaAtPath(dialect.schema, ctx.value, ctx.path);
    out.push(...keyCompletions(dialect, ctx));
    if (newItemSequence(ctx) && dialect.assist?.snippets) out.push(...dialect.assist.snippets({ ctx, schema }));
  }
  if (dialect.assist?.completions) out.push(...dialect.assist.completions({ ctx, schema }));
  const seen = new Set<string>();
  return out.filter((c) => {
    const id = `${c.kind}:${c.label}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Completions at `offset` of `text` for `dialect`; [] where nothing can be offered (a comment, an unreadable place). */
export function complete(dialect: Dialect, text: string, offset: number, options: CompleteOptions = {}): Completion[] {
  const ctx = cursorContext(text, offset, { yaml: dialect.yaml, parser: options.parser, parsed: options.parsed });
  return ctx ? completionsAt(dialect, ctx) : [];
}

/**
 * For the benchmark (bench/): milliseconds per completion request at each offset, with one
 * warm IncrementalParser for probes and the document's own parse, as the document service keeps
 * them. Not used by tests as a pass/fail timing.
 */
export function timeCompletions(dialect: Dialect, text: string, offsets: number[], parser: IncrementalParser, now: () => number = () => performance.now()): number[] {
  parser.parse(text);
  const parsed = new IncrementalParser(dialect.yaml).parse(text);
  return offsets.map((offset) => {
    const t0 = now();
    complete(dialect, text, offset, { parser, parsed });
    return now() - t0;
  });
}
