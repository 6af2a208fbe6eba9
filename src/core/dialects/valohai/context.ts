/**
 * What every Valohai rule needs: the parsed document, a way to report a finding at a path, and
 * safe readers for the plain value (rules run even when the schema found errors, so any value
 * may have any shape).
 */
import { isMapping } from '../../guards';
import { isMap, isScalar, type Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import { locatePath, rangeOfPath } from '../../document/paths';
import type { Diagnostic, Fix, Severity } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import { pyFromNode, pyStr, type PyValue } from './python/values';

export type Obj = Record<string, unknown>;

/** Which part of the text a finding marks: a key, a value, or a mapping by its first key. */
export type Mark = 'key' | 'value' | 'object';

export class LintContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly parsed: ParsedDocument) {}

  error(path: Path, message: string, mark: Mark = 'value'): void {
    this.report('error', path, message, mark);
  }

  warning(path: Path, message: string, mark: Mark = 'value', fixes?: Fix[]): void {
    this.report('warning', path, message, mark, fixes);
  }

  /** Advice beside a platform message whose exact wording must stay as it is. */
  info(path: Path, message: string, mark: Mark = 'value'): void {
    this.report('info', path, message, mark);
  }

  private report(severity: Severity, path: Path, message: string, mark: Mark, fixes?: Fix[]): void {
    const d: Diagnostic = { severity, message, path, range: this.rangeOf(path, mark), source: 'lint' };
    if (fixes && fixes.length > 0) d.fixes = fixes;
    this.diagnostics.push(d);
  }

  /** The source text of the value at `path` (empty when it is absent). */
  source(path: Path): string {
    const found = locatePath(this.parsed.doc, path);
    const r = (found.node as Node | null | undefined)?.range;
    return found.depth === path.length && r ? this.parsed.text.slice(r[0], r[1]) : '';
  }

  rangeOf(path: Path, mark: Mark): [number, number] {
    const doc = this.parsed.doc;
    if (mark !== 'object') return rangeOfPath(doc, path, mark);
    if (typeof path[path.length - 1] === 'string') return rangeOfPath(doc, path, 'key');
    // A list item is marked by its first key: marking every line of it would bury the editor.
    const node = locatePath(doc, path).node as Node | null | undefined;
    if (isMap(node) && node.items.length > 0 && isScalar(node.items[0].key) && node.items[0].key.range) {
      const r = node.items[0].key.range;
      return [r[0], r[1]];
    }
    return rangeOfPath(doc, path, 'value');
  }

  /** The Python value PyYAML would build at `path` (None when nothing is there). */
  py(path: Path): PyValue {
    const found = locatePath(this.parsed.doc, path);
    if (found.depth < path.length) return { t: 'none' };
    return pyFromNode(found.node, this.parsed.doc, this.parsed.text);
  }

  /** `str()` of the value at `path`, as the platform prints names in its messages. */
  str(path: Path): string {
    return pyStr(this.py(path));
  }
}

/** Python truthiness of a plain value (enough for `if x:` tests on config fields). */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMapping(v)) return Object.keys(v).length > 0;
  return true;
}

/** A name as the platform keys it: text as is, other scalars as Python prints them. */
export function nameOf(ctx: LintContext, path: Path, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return ctx.str(path);
}
