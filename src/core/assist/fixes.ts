/**
 * How the runtime READS a scalar and whether that is what the schema expects there, with the
 * rewrites that make it so (quote it, or write the number so it reads as one) — shared by the
 * hover and the quick fixes at the cursor. Lint findings carry their own fixes (Diagnostic.fixes);
 * `quickFixesAt` merges those at the cursor with the reading fixes.
 *
 * Usage: `quickFixesAt(dialect, parsed, offset, diagnostics)` → `Fix[]`
 */
import { isScalar, type Node, type Scalar } from 'yaml';
import type { Dialect } from '../contracts/dialect';
import type { JsonSchema } from '../contracts/schema';
import type { ParsedDocument } from '../contracts/document';
import { locatePath, pathAtOffset } from '../document/paths';
import { formatFloat, kindOf, readScalar, readTyped, type ScalarKind, type YamlVersion } from '../document/scalar';
import { schemaAtPath } from '../schema/schemaAtPath';
import type { Diagnostic, Fix } from '../contracts/diagnostics';
import type { Path } from '../contracts/path';
import { lenientValue } from './context';
import { scalarHint, schemaTypes } from './describe';
import { codeSpan } from './markdown';

export interface Reading {
  path: Path;
  range: [number, number];
  source: string;
  kind: ScalarKind;
  value: unknown;
  /** Plain-language notes on surprising readings (`1e-3` is text under YAML 1.1, `yes` is true...). */
  notes: string[];
  /** What the schema wants there, in words (`a float`, `text`), when the reading does not fit. */
  mismatch?: string;
  fixes: Fix[];
}

const KIND_WORDS: Record<ScalarKind, string> = { str: 'text', int: 'an integer', float: 'a float', bool: 'a boolean', null: 'null (empty)', timestamp: 'a date/time', other: 'a value' };
export const kindWord = (k: ScalarKind): string => KIND_WORDS[k];

/** The kinds a schema (or its form hint) accepts at a place, and a word for them. */
function expected(schema: JsonSchema | undefined): { kinds: ScalarKind[]; word: string } | undefined {
  const hint = scalarHint(schema);
  if (hint === 'float') return { kinds: ['float', 'int'], word: 'a float' };
  if (hint === 'integer') return { kinds: ['int'], word: 'an integer' };
  if (hint === 'string') return { kinds: ['str'], word: 'text' };
  const types = schemaTypes(schema);
  if (types.length === 0 || types.some((t) => t === 'object' || t === 'array')) return undefined;
  const kinds = new Set<ScalarKind>();
  for (const t of types) {
    if (t === 'string') kinds.add('str');
    if (t === 'integer') kinds.add('int');
    if (t === 'number') kinds.add('int').add('float');
    if (t === 'boolean') kinds.add('bool');
    if (t === 'null') kinds.add('null');
  }
  const word = types.map((t) => ({ string: 'text', integer: 'an integer', number: 'a number', boolean: 'a boolean', null: 'null' })[t] ?? t).join(' or ');
  return { kinds: [...kinds], word };
}

const NUMBERISH = /^[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9.]+$/;

function notesFor(source: string, kind: ScalarKind, style: string, version: YamlVersion): string[] {
  if (style !== 'PLAIN') return [];
  const notes: string[] = [];
  const v11 = version === '1.1';
  if (kind === 'str' && NUMBERISH.test(source) && /[0-9]/.test(source)) {
    notes.push(
      v11 && /[eE]/.test(source)
        ? `Under YAML 1.1 (PyYAML) ${codeSpan(source)} is not a number: a float in exponent form needs a dot and a signed exponent, e.g. ${codeSpan(String(readTyped(source, 'float', version).ok ? (readTyped(source, 'float', version) as { literal?: string }).literal : '1.0e-3'))}.`
        : `${codeSpan(source)} looks like a number but is not one the YAML reader knows, so it stays text.`,
    );
  }
  if (kind === 'bool' && !/^(?:true|false)$/i.test(source)) notes.push(`YAML ${version} reads ${codeSpan(source)} as a boolean${v11 ? ' (yes/no/on/off count as true/false)' : ''}.`);
  if (kind === 'str' && /:\S/.test(source) && !/:\s/.test(source)) notes.push('A `:` starts a mapping only when a space follows it, so this stays text.');
  if (kind === 'float' && v11 && /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/.test(source)) notes.push('YAML 1.1 reads `a:b.c` as a base-60 float.');
  if (kind === 'int' && v11 && /:/.test(source)) notes.push('YAML 1.1 reads `a:b` digits as a base-60 integer.');
  if (kind === 'int' && v11 && /^[-+]?0[0-7_]+$/.test(source)) notes.push('YAML 1.1 reads a leading 0 as octal.');
  if (kind === 'timestamp') notes.push('YAML 1.1 reads this as a date; quote it to keep it text.');
  return notes;
}

function replace(range: [number, number], insert: string): Fix['edits'] {
  return [{ offset: range[0], length: range[1] - range[0], insert }];
}

/** The rewrites that make `source` read as one of `kinds`, keeping what it means. */
function rewrites(source: string, kinds: ScalarKind[], range: [number, number], version: YamlVersion): Fix[] {
  const fixes: Fix[] = [];
  const add = (title: string, text: string | undefined) => {
    if (!text || text === source || fixes.some((f) => f.edits[0].insert === text)) return;
    const read = readScalar(text, { version });
    if (read && kinds.includes(read.kind)) fixes.push({ title, edits: replace(range, text) });
  };
  if (kinds.includes('float')) {
    const typed = readTyped(source, 'float', version);
    if (typed.ok && typeof typed.value === 'number') {
      add(`Write it as the number ${formatFloat(typed.value)}`, formatFloat(typed.value));
      add(`Write it as the float ${typed.literal}`, typed.literal);
    }
  }
  if (kinds.includes('int')) {
    const typed = readTyped(source, 'integer', version);
    if (typed.ok) add(`Write it as the integer ${typed.literal}`, typed.literal);
  }
  if (kinds.includes('bool')) {
    const typed = readTyped(source, 'boolean', version);
    if (typed.ok) add(`Write it as ${typed.literal}`, typed.literal);
  }
  if (kinds.includes('str')) add(`Quote it: ${JSON.stringify(source)}`, JSON.stringify(source));
  return fixes;
}

/** How the scalar at `offset` reads (undefined when the offset is not on a scalar value). */
export function readingAt(dialect: Dialect, parsed: ParsedDocument, offset: number): Reading | undefined {
  const path = pathAtOffset(parsed.doc, offset);
  const found = locatePath(parsed.doc, path);
  const node = found.node as Node | null | undefined;
  if (!isScalar(node) || !node.range || offset < node.range[0] || offset > node.range[1]) return undefined;
  return readingOf(dialect, parsed, path, node);
}

export function readingOf(dialect: Dialect, parsed: ParsedDocument, path: Path, node: Scalar): Reading | undefined {
  if (!node.range) return undefined;
  const version = dialect.yaml.version;
  const range: [number, number] = [node.range[0], node.range[1]];
  const source = parsed.text.slice(range[0], range[1]);
  const kind = kindOf(node, version, source);
  const notes = notesFor(source, kind, String(node.type), version);
  const value = lenientValue(parsed);
  const schema = value === undefined ? undefined : schemaAtPath(dialect.schema, value, path);
  const want = expected(schema);
  const reading: Reading = { path, range, source, kind, value: node.value, notes, fixes: [] };
  if (want && !want.kinds.includes(kind) && node.type === 'PLAIN' && !(kind === 'null' && source === '')) {
    reading.mismatch = want.word;
    reading.fixes = rewrites(source, want.kinds, range, version);
  }
  return reading;
}

/** Quick fixes at the cursor: those of the findings there, then rewrites of a scalar read as the wrong type. */
export function quickFixesAt(dialect: Dialect, parsed: ParsedDocument, offset: number, diagnostics: readonly Diagnostic[]): Fix[] {
  const out: Fix[] = [];
  for (const d of diagnostics) if (d.fixes && offset >= d.range[0] && offset <= d.range[1]) out.push(...d.fixes);
  const reading = readingAt(dialect, parsed, offset);
  for (const f of reading?.fixes ?? []) if (!out.some((o) => JSON.stringify(o.edits) === JSON.stringify(f.edits))) out.push(f);
  return out;
}
