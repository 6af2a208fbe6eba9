/**
 * Findings about a PART of a text value (the `export VH_CLEAN=1` inside a command, the password
 * inside a URL): reporting at that part, or at the whole value when the part's source cannot be
 * placed exactly (see `document/scalarSource.ts`).
 *
 * Usage:
 *   report(ctx, { severity: 'warning', path, range, message, code, fixes })
 */
import type { Diagnostic, Fix, Severity } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import { sourceRange } from '../../document/scalarSource';
import type { LintContext } from './context';

export interface Finding {
  severity: Severity;
  path: Path;
  range: [number, number];
  message: string;
  code: string;
  fixes?: Fix[];
}

/** Report a finding at an exact range (LintContext marks whole keys or values only). */
export function report(ctx: LintContext, finding: Finding): void {
  const d: Diagnostic = { severity: finding.severity, message: finding.message, path: finding.path, range: finding.range, source: 'lint', code: finding.code };
  if (finding.fixes && finding.fixes.length > 0) d.fixes = finding.fixes;
  ctx.diagnostics.push(d);
}

/** Where part of a text value is, or the whole value when the part cannot be placed exactly. */
export function partRange(ctx: LintContext, path: Path, from: number, to: number): { range: [number, number]; exact: boolean } {
  const exact = sourceRange(ctx.parsed, path, from, to);
  return exact ? { range: exact, exact: true } : { range: ctx.rangeOf(path, 'value'), exact: false };
}
