/**
 * Text that looks like something else, where nothing types it: a Determined hyperparameter, an
 * emloop constructor argument or an untyped Valohai parameter default reach the program as YAML
 * typed them, so a value that looks like a number, a boolean or a mapping but is read otherwise
 * is a silent change of meaning:
 *
 *   - `1e-3` is text under YAML 1.1 (PyYAML wants a dot and a signed exponent: `1.0e-3`);
 *   - `0.0.` is text (an extra dot);
 *   - `yes`/`no`/`on`/`off` are booleans under YAML 1.1 and text under 1.2;
 *   - `foo:bar` is one string where `foo: bar` was probably meant.
 *
 * Each gets a hint saying how the runtime reads it, with fixes (the number, the boolean, quoting
 * it, the missing space) that are kept only when they read as intended. Dialects say where
 * values are loose (`Dialect.looseValues`); a place the schema types is the schema's to report.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { ParsedDocument } from '../contracts/document';
import type { Diagnostic, Fix } from '../contracts/diagnostics';
import type { Path } from '../contracts/path';
import type { JsonSchema } from '../contracts/schema';
import { locatePath } from '../document/paths';
import { readScalar } from '../document/scalar';
import { schemaAtPath } from './schemaAtPath';
import { retype } from './schemaFixes';

export const LOOKALIKE = 'lookalike';

type Version = '1.1' | '1.2';

const NUMBER_WITH_EXPONENT = /^[-+]?\d[\d_]*(\.\d*)?[eE][-+]?\d+$/;
const EXTRA_DOT = /^[-+]?(\d+\.\d*\.|\d*\.\.\d*|\d+(\.\d+)+\.)$/;
const YES_NO = /^(yes|no|on|off)$/i;
const GLUED_KEY = /^([A-Za-z_][\w-]*):([A-Za-z0-9_][^\s/@]*)$/;

export function lookalikes(parsed: ParsedDocument, schema: JsonSchema, version: Version, roots: readonly Path[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visit = (node: unknown, path: Path) => {
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    } else if (isScalar(node) && node.type === 'PLAIN' && node.range && !typed(schema, parsed.value, path)) {
      const d = examine(parsed, version, path, node.range[0], node.range[1]);
      if (d) found.push(d);
    }
  };
  for (const root of roots) {
    const at = locatePath(parsed.doc, root);
    if (at.depth === root.length) visit(at.node, root);
  }
  return found;
}

/** The schema gives the place a type (or a list of allowed values): what it reads is checked there. */
function typed(schema: JsonSchema, value: unknown, path: Path): boolean {
  const s = schemaAtPath(schema, value, path);
  return !!s && (s.type !== undefined || s.enum !== undefined || s.const !== undefined);
}

function examine(parsed: ParsedDocument, version: Version, path: Path, from: number, to: number): Diagnostic | undefined {
  const source = parsed.text.slice(from, to);
  const hint = (message: string, fixes: Fix[]): Diagnostic => {
    const d: Diagnostic = { severity: 'hint', message, path, range: [from, to], source: 'lint', code: LOOKALIKE };
    if (fixes.length > 0) d.fixes = fixes;
    return d;
  };
  const kind = readScalar(source, { version })?.kind;
  if (kind === 'str' && NUMBER_WITH_EXPONENT.test(source)) {
    return hint(
      `\`${source}\` is read as text, not a number: under YAML 1.1, which this platform reads with, a number with an exponent needs a dot and a signed exponent, e.g. \`1.0e-3\`. Write it that way for a number, or quote it to say you mean the text.`,
      retype(parsed, path, ['number', 'string']),
    );
  }
  if (kind === 'str' && EXTRA_DOT.test(source)) {
    return hint(`\`${source}\` is read as text, not a number: it has an extra dot. Remove the dot for a number, or quote it to say you mean the text.`, [
      ...numberWithoutExtraDot(source, from, to, version),
      ...retype(parsed, path, ['string']),
    ]);
  }
  if (YES_NO.test(source) && kind === 'bool') {
    return hint(
      `\`${source}\` is read as the boolean ${String(readScalar(source, { version })?.value)}: under YAML 1.1, which this platform reads with, yes, no, on and off are booleans. Quote it if you mean the text.`,
      retype(parsed, path, ['string', 'boolean']),
    );
  }
  if (YES_NO.test(source) && kind === 'str') {
    return hint(`\`${source}\` is read as the text "${source}": under YAML 1.2 only true and false are booleans. Write ${/^(yes|on)$/i.test(source) ? 'true' : 'false'} if you mean a boolean.`, [
      ...retype(parsed, path, ['boolean']),
      ...retype(parsed, path, ['string']),
    ]);
  }
  const glued = GLUED_KEY.exec(source);
  if (kind === 'str' && glued) {
    const spaced = `${glued[1]}: ${glued[2]}`;
    const edit = { offset: from + glued[1].length + 1, length: 0, insert: ' ' };
    const fixes: Fix[] = parsesAsMapping(parsed.text, edit.offset, path) ? [{ title: `Add the space: ${spaced}`, edits: [edit] }] : [];
    return hint(`\`${source}\` is one piece of text: a key needs a space after its colon. Write \`${spaced}\` if you mean the key \`${glued[1]}\` with the value \`${glued[2]}\`.`, [
      ...fixes,
      ...retype(parsed, path, ['string']),
    ]);
  }
  return undefined;
}

function numberWithoutExtraDot(source: string, from: number, to: number, version: Version): Fix[] {
  const number = source.replace(/\.(?=\.)|\.$/, '');
  const read = readScalar(number, { version });
  if (read?.kind !== 'float' && read?.kind !== 'int') return [];
  return [{ title: `Write it as the number ${number}`, edits: [{ offset: from, length: to - from, insert: number }] }];
}

/** With a space inserted at `at`, the text still parses and the value at `path` is a mapping. */
function parsesAsMapping(text: string, at: number, path: Path): boolean {
  const doc = parseDocument(`${text.slice(0, at)} ${text.slice(at)}`);
  return doc.errors.length === 0 && isMap(locatePath(doc, path).node as Node | null);
}
