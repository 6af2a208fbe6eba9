/**
 * Quick fixes for schema findings: rename a key, replace a value, add missing keys (beside the
 * others or under an empty key) with a sensible placeholder, or re-type a scalar (`"1e-3"` → a
 * number). Each is a minimal text edit; nothing outside its lines changes.
 */
import type { Document } from 'yaml';
import { isMap, isScalar, type Node } from 'yaml';
import type { JsonSchema } from '../contracts/schema';
import type { TextEdit } from '../contracts/change';
import type { Fix } from '../contracts/diagnostics';
import type { Path } from '../contracts/path';
import { locatePath } from '../document/paths';
import { Text } from '../document/edit/text';
import { formatFloat, readScalar, readTyped, renderScalar } from '../document/scalar';
import { schemaAtPath } from './schemaAtPath';
import { joinWords } from './wording';
import type { Finding } from './explain';

/** A value to write for a key about to be added: its default, its first allowed value, or an empty one of its type. */
function placeholderFor(root: JsonSchema, value: unknown, path: Path, version: '1.1' | '1.2'): string {
  const s = schemaAtPath(root, value, path);
  const pick = s && 'default' in s ? s.default : Array.isArray(s?.enum) ? s.enum[0] : 'const' in (s ?? {}) ? s!.const : undefined;
  if (pick !== undefined && (pick === null || typeof pick !== 'object')) {
    try {
      return renderScalar(pick, { version }).source;
    } catch {
      // fall through to the type's empty value
    }
  }
  const types = s?.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('string') || types.length === 0) return '""';
  if (types.includes('object')) return '{}';
  if (types.includes('array')) return '[]';
  if (types.includes('integer') || types.includes('number')) return '0';
  if (types.includes('boolean')) return 'false';
  return '""';
}

/** The YAML version the document was read with (the reader records it in its directives). */
function versionOf(doc: Document.Parsed): '1.1' | '1.2' {
  return doc.directives?.yaml.version === '1.2' ? '1.2' : '1.1';
}

function insertKeys(parsed: { doc: Document.Parsed; value: unknown; text: string }, root: JsonSchema, path: Path, keys: string[]): TextEdit[] | undefined {
  const { text, doc } = parsed;
  const t = new Text(text);
  const version = versionOf(doc);
  const map = locatePath(doc, path).node as Node | null | undefined;
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const first = map.items[0].key as Node | null;
  if (!first?.range) return undefined;
  const pad = ' '.repeat(first.range[0] - t.lineStart(first.range[0]));
  const last = map.items[map.items.length - 1];
  const end = ((last.value as Node | null)?.range ?? (last.key as Node | null)?.range)?.[1];
  if (end === undefined) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = keys.map((k) => `${pad}${k}: ${placeholderFor(root, parsed.value, [...path, k], version)}`);
  if (end > 0 && text[end - 1] === '\n') return [{ offset: end, length: 0, insert: lines.map((l) => l + eol).join('') }];
  return [{ offset: t.lineEnd(end), length: 0, insert: lines.map((l) => eol + l).join('') }];
}

function insertUnder(parsed: { doc: Document.Parsed; value: unknown; text: string }, root: JsonSchema, path: Path, keys: string[]): TextEdit[] | undefined {
  const { text, doc } = parsed;
  const t = new Text(text);
  const version = versionOf(doc);
  const found = locatePath(doc, path);
  const key = found.pair?.key as Node | null | undefined;
  const valueNode = found.node as Node | null | undefined;
  if (!key?.range || found.depth < path.length) return undefined;
  // Only `key:` with nothing after it (a null without text of its own).
  if (valueNode?.range && valueNode.range[1] > valueNode.range[0]) return undefined;
  const pad = ' '.repeat(key.range[0] - t.lineStart(key.range[0]) + 2);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineEnd = t.lineEnd(key.range[1]);
  const after = text.slice(key.range[1], lineEnd);
  if (!/^\s*:\s*(#.*)?$/.test(after)) return undefined;
  const colon = key.range[1] + after.indexOf(':') + 1;
  const lines = keys.map((k) => `${eol}${pad}${k}: ${placeholderFor(root, {}, [...path, k], version)}`);
  return [{ offset: colon, length: lineEnd - colon, insert: lines.join('') }];
}

/** Fixes that rewrite a plain scalar so it reads as one of `expected` (a JSON Schema type each). */
export function retype(parsed: { doc: Document.Parsed; text: string }, path: Path, expected: string[]): Fix[] {
  const node = locatePath(parsed.doc, path).node as Node | null | undefined;
  if (!isScalar(node) || !node.range || node.type !== 'PLAIN') return [];
  const version = versionOf(parsed.doc);
  const range: [number, number] = [node.range[0], node.range[1]];
  const source = parsed.text.slice(range[0], range[1]);
  const fixes: Fix[] = [];
  const add = (title: string, insert: string | undefined, kinds: string[]) => {
    if (insert === undefined || insert === source || fixes.some((f) => f.edits[0].insert === insert)) return;
    const read = readScalar(insert, { version });
    if (read && kinds.includes(read.kind)) fixes.push({ title, edits: [{ offset: range[0], length: range[1] - range[0], insert }] });
  };
  if (expected.includes('number')) {
    const typed = readTyped(source, 'float', version);
    if (typed.ok && typeof typed.value === 'number') {
      add(`Write it as the number ${formatFloat(typed.value)}`, formatFloat(typed.value), ['float', 'int']);
      add(`Write it as the number ${typed.literal}`, typed.literal, ['float', 'int']);
    }
  }
  if (expected.includes('integer') || expected.includes('number')) {
    const typed = readTyped(source, 'integer', version);
    if (typed.ok) add(`Write it as the integer ${typed.literal}`, typed.literal, ['int']);
  }
  if (expected.includes('boolean')) {
    const typed = readTyped(source, 'boolean', version);
    if (typed.ok) add(`Write it as ${typed.literal}`, typed.literal, ['bool']);
  }
  if (expected.includes('string')) add(`Quote it: ${JSON.stringify(source)}`, JSON.stringify(source), ['str']);
  return fixes;
}

/** The quick fixes for a finding that knows its fix, as text edits at `range` and around it. */
export function planFixes(parsed: { doc: Document.Parsed; value: unknown; text: string }, root: JsonSchema, f: Finding, range: [number, number]): Fix[] {
  const plan = f.fix!;
  const edit = (insert: string): TextEdit[] => [{ offset: range[0], length: range[1] - range[0], insert }];
  switch (plan.kind) {
    case 'rename':
      return [{ title: `Rename to "${plan.to}"`, edits: edit(plan.to) }];
    case 'replace': {
      const version = versionOf(parsed.doc);
      return [{ title: `Change to "${plan.to}"`, edits: edit(renderScalar(plan.to, { version }).source) }];
    }
    case 'insert': {
      const edits = insertKeys(parsed, root, f.path, plan.keys);
      return edits ? [{ title: `Add ${joinWords(plan.keys.map((k) => `"${k}"`))}`, edits }] : [];
    }
    case 'insertUnder': {
      const edits = insertUnder(parsed, root, f.path, plan.keys);
      return edits ? [{ title: `Add ${joinWords(plan.keys.map((k) => `"${k}"`))}`, edits }] : [];
    }
    case 'retype':
      return retype(parsed, f.path, plan.expected);
  }
}
