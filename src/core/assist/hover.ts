/**
 * Hover at the cursor: on a key, what it means (description, type, default, allowed values from
 * the schema); on a scalar value, how the runtime READS it and whether that is what the schema
 * expects there; the dialect's hook first (e.g. what a command placeholder renders to).
 *
 * Usage: `hover(valohai, text, offset, { parsed })` → `{ range, markdown }` or undefined
 */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Dialect } from '../contracts/dialect';
import { parseText } from '../document/parse';
import type { ParsedDocument } from '../contracts/document';
import { locatePath, pathAtOffset } from '../document/paths';
import { schemaAtPath } from '../schema/schemaAtPath';
import type { Path } from '../contracts/path';
import { indentUnitOf, lenientValue } from './context';
import { schemaMarkdown, schemaTypes } from './describe';
import { kindWord, readingOf } from './fixes';
import { codeSpan, escapeMarkdown } from './markdown';
import type { AssistContext, Hover } from '../contracts/assist';

function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** The key under the cursor: its pair and the path of its value. */
function keyAt(parsed: ParsedDocument, offset: number): { path: Path; pair: Pair; range: [number, number] } | undefined {
  const path = pathAtOffset(parsed.doc, offset);
  // The innermost key containing the offset is on the path; try the deepest first.
  for (let depth = path.length; depth > 0; depth--) {
    if (typeof path[depth - 1] !== 'string') continue;
    const sub = path.slice(0, depth);
    const found = locatePath(parsed.doc, sub);
    const key = found.pair?.key as Node | null | undefined;
    if (found.pair && isScalar(key) && key.range && offset >= key.range[0] && offset <= key.range[1]) {
      return { path: sub, pair: found.pair, range: [key.range[0], key.range[1]] };
    }
  }
  return undefined;
}

export function hover(dialect: Dialect, text: string, offset: number, options: { parsed?: ParsedDocument } = {}): Hover | undefined {
  const parsed = options.parsed ?? parseText(text, dialect.yaml);
  const value = lenientValue(parsed);
  if (value === undefined) return undefined;
  const root = dialect.schema;
  const key = keyAt(parsed, offset);
  const path = key?.path ?? pathAtOffset(parsed.doc, offset);

  if (dialect.assist?.hover) {
    const ctx: AssistContext = {
      text,
      offset,
      kind: key ? 'key' : 'value',
      path,
      word: [offset, offset],
      prefix: '',
      hasColon: Boolean(key),
      lead: '',
      column: 0,
      indentUnit: indentUnitOf(text),
      existingKeys: [],
      inString: true,
      parsed,
      value: value,
      version: dialect.yaml.version,
    };
    const own = dialect.assist.hover({ ctx, schema: schemaAtPath(root, value, path) });
    if (own) return own;
  }

  if (key) {
    const name = String((key.pair.key as { value: unknown }).value);
    const parentPath = key.path.slice(0, -1);
    const parent = schemaAtPath(root, value, parentPath);
    const schema = schemaAtPath(root, value, key.path);
    const parentTypes = schemaTypes(parent);
    const parts: string[] = [];
    if (parent && parentTypes.length > 0 && !parentTypes.includes('object') && parentTypes.includes('string')) {
      const map = locatePath(parsed.doc, parentPath).node;
      const shown = isMap(map) ? text.slice(map.range![0], map.range![1]).trim() : name;
      parts.push(`⚠ ${codeSpan(shown)} is read as a mapping (a \`:\` followed by a space starts one), but text is expected here — quote it to keep it text.`);
    } else if (schema) {
      const required = Array.isArray(parent?.required) && parent.required.includes(name);
      parts.push(schemaMarkdown(name, schema, required));
    } else if (parent?.properties) {
      parts.push(`**${escapeMarkdown(name)}** — not a key this place takes.`);
    } else return undefined;
    return { range: key.range, markdown: parts.join('\n\n') };
  }

  const node = locatePath(parsed.doc, path).node as Node | null | undefined;
  if (!isScalar(node) || !node.range || offset < node.range[0] || offset > node.range[1]) return undefined;
  const reading = readingOf(dialect, parsed, path, node);
  if (!reading) return undefined;
  const lines = [`Read as ${kindWord(reading.kind)}: ${codeSpan(showValue(reading.value))} (YAML ${dialect.yaml.version})`, ...reading.notes];
  if (reading.mismatch) {
    const title = reading.fixes[0]?.title;
    const fix = title ? ` — ${escapeMarkdown(title.charAt(0).toLowerCase() + title.slice(1))}` : '';
    lines.push(`⚠ ${reading.mismatch} is expected here, but the runtime reads ${kindWord(reading.kind)}${fix}.`);
  }
  return { range: reading.range, markdown: lines.join('\n\n') };
}
