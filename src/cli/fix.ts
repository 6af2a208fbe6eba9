/**
 * `pipewright lint --fix [--dry-run]`: apply the quick fixes that need no person to choose, with
 * the same minimal edits the editor makes, then lint what is left.
 *
 * Which fixes are applied (`automaticFix`): a finding's fix when it offers exactly one (a finding
 * with several offers a choice: a person picks), unless that one fix would decide something only
 * the author knows —
 *   - a lookalike (`1e-3`, `yes`, `key:value`): the file is valid as written; the fix changes what
 *     it means, and only the author knows which meaning was intended;
 *   - adding missing keys: the editor writes placeholder values (`image: ""`) for a person to fill
 *     in, which would silence an error without making the file right;
 *   - "the nearest allowed value": the default or the bound is wrong, and the fix cannot tell which.
 * Everything else (a misspelt key or value renamed to the one it is nearest to, a value quoted or
 * retyped as the schema needs, list items re-indented, a `set -e` item, a line that changes
 * nothing removed, an emloop key moved where emloop reads it...) is applied.
 *
 * Rounds: the chosen fixes whose edits touch no other chosen fix's are applied together, the text
 * is analysed again and the next round fixes what the first could not (at most MAX_ROUNDS). A
 * fix may only take problems away: a round that leaves the text unreadable or with a finding it
 * did not have (two misspelt keys both renamed to `image` make a duplicate key) is undone and
 * its fixes are tried one at a time; a fix that does that on its own is not applied.
 *
 * Usage: `fixText(text, dialect)` → { text, applied, rounds, diagnostics, left }
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { TextEdit } from '../core/contracts/change';
import type { Dialect } from '../core/contracts/dialect';
import type { Fix, LocatedDiagnostic } from '../core/contracts/diagnostics';
import { encodeText } from '../core/document/decode';
import { applyTextEdits } from '../core/document/textEdits';
import { analyze, type Analysis } from '../core/lint';

export const MAX_ROUNDS = 5;

/** The finding's one fix that is safe to apply unasked, or why a person has to decide. */
export function automaticFix(d: LocatedDiagnostic): { fix: Fix } | { reason: string } | undefined {
  const fixes = d.fixes ?? [];
  if (fixes.length === 0) return undefined;
  if (fixes.length > 1) return { reason: `it offers ${fixes.length} fixes (${fixes.map((f) => f.title).join(' / ')}): choose one in the editor` };
  const [fix] = fixes;
  if (d.code === 'lookalike') return { reason: `"${fix.title}" would change what the value means; only you know which meaning you want` };
  if (d.source === 'schema' && /^Add /.test(fix.title)) return { reason: `"${fix.title}" would write placeholder values for you to fill in` };
  if (/the nearest allowed value$/.test(fix.title)) return { reason: `"${fix.title}": either the value or its bounds are wrong, and only you know which` };
  if (fix.edits.length === 0) return undefined;
  return { fix };
}

export interface AppliedFix {
  title: string;
  /** How many findings this fix resolved (several findings may share one fix, e.g. `set -e`). */
  problems: number;
}

export interface FixOutcome {
  /** The text after every round. */
  text: string;
  applied: AppliedFix[];
  /** Each round's text before it and the edits it applied (offsets into that text). */
  rounds: { before: string; edits: TextEdit[] }[];
  /** The findings in the final text. */
  diagnostics: LocatedDiagnostic[];
  /** Findings in the final text that have fixes which were not applied, with why. */
  left: { diagnostic: LocatedDiagnostic; reason: string }[];
}

/** The findings of an analysis, counted by what they say. */
function problems(a: Analysis): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of a.diagnostics) {
    const key = `${d.severity}\u0000${d.code ?? d.source}\u0000${d.message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Whether `after` only lost problems: it still reads (if it did) and has no finding `before` did not have. */
function noWorse(before: Analysis, after: Analysis): boolean {
  if (before.parsed.ok && !after.parsed.ok) return false;
  const budget = problems(before);
  for (const [key, n] of problems(after)) if (n > (budget.get(key) ?? 0)) return false;
  return true;
}

/** Two edits touch when their ranges overlap or meet (an insertion at the other's edge counts). */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.offset <= b.offset + b.length && b.offset <= a.offset + a.length;
}

export function fixText(text: string, dialect: Dialect, maxRounds = MAX_ROUNDS): FixOutcome {
  let current = text;
  let analysis = analyze(current, dialect);
  const applied: AppliedFix[] = [];
  const rounds: FixOutcome['rounds'] = [];
  /** Fixes that made things worse, by title and finding: not tried again. */
  const rejected = new Set<string>();
  const identity = (d: LocatedDiagnostic, f: Fix) => `${f.title}\u0000${d.message}`;

  for (let round = 0; round < maxRounds; round++) {
    // The round's fixes, in the order of the findings; one fix shared by several findings counts each.
    const chosen: { fix: Fix; key: string; identity: string; problems: number }[] = [];
    for (const d of analysis.diagnostics) {
      const auto = automaticFix(d);
      if (!auto || !('fix' in auto) || rejected.has(identity(d, auto.fix))) continue;
      const key = JSON.stringify(auto.fix.edits);
      const same = chosen.find((c) => c.key === key);
      if (same) {
        same.problems++;
        continue;
      }
      if (chosen.some((c) => c.fix.edits.some((e) => auto.fix.edits.some((f) => touches(e, f))))) continue;
      chosen.push({ fix: auto.fix, key, identity: identity(d, auto.fix), problems: 1 });
    }
    if (chosen.length === 0) break;

    const edits = chosen.flatMap((c) => c.fix.edits);
    let next = applyTextEdits(current, edits);
    let nextAnalysis = analyze(next, dialect);
    let kept = chosen;
    if (!noWorse(analysis, nextAnalysis)) {
      // Undo the round; keep the first fix that is no worse on its own, reject those that are worse.
      kept = [];
      for (const c of chosen) {
        const alone = applyTextEdits(current, c.fix.edits);
        const aloneAnalysis = analyze(alone, dialect);
        if (noWorse(analysis, aloneAnalysis)) {
          kept = [c];
          next = alone;
          nextAnalysis = aloneAnalysis;
          break;
        }
        rejected.add(c.identity);
      }
      if (kept.length === 0) continue;
    }
    if (next === current) break;
    rounds.push({ before: current, edits: kept.flatMap((c) => c.fix.edits) });
    for (const c of kept) {
      const same = applied.find((a) => a.title === c.fix.title);
      if (same) same.problems += c.problems;
      else applied.push({ title: c.fix.title, problems: c.problems });
    }
    current = next;
    analysis = nextAnalysis;
  }

  const left: FixOutcome['left'] = [];
  for (const d of analysis.diagnostics) {
    const auto = automaticFix(d);
    if (!auto) continue;
    if ('reason' in auto) left.push({ diagnostic: d, reason: auto.reason });
    else if (rejected.has(identity(d, auto.fix))) left.push({ diagnostic: d, reason: `"${auto.fix.title}" would add a problem of its own (or leave the file unreadable)` });
    else left.push({ diagnostic: d, reason: `"${auto.fix.title}" is still to do after ${maxRounds} rounds: run --fix again` });
  }
  return { text: current, applied, rounds, diagnostics: analysis.diagnostics, left };
}

export interface FixFileIO {
  out: (s: string) => void;
  err: (s: string) => void;
  writeFile?: (path: string, bytes: Uint8Array) => void;
}

/**
 * Fix one file that was read as `text`: say what was fixed (and what was left for a person) on
 * stderr, then either write the file (only when it changed) or, with `dryRun`, print a unified
 * diff on stdout and write nothing. Returns the findings of the fixed text and whether writing failed.
 */
export function fixFile(file: string, text: string, dialect: Dialect, io: FixFileIO, dryRun: boolean): { text: string; diagnostics: LocatedDiagnostic[]; writeFailed: boolean } {
  const outcome = fixText(text, dialect);
  const problems = outcome.applied.reduce((n, a) => n + a.problems, 0);
  if (problems > 0) io.err(`${file}: ${dryRun ? 'would fix' : 'fixed'} ${problems} problem(s): ${outcome.applied.map((a) => a.title).join('; ')}`);
  for (const { diagnostic: d, reason } of outcome.left) io.err(`${file}:${d.line}:${d.column}: not fixed: ${reason}`);
  if (outcome.text === text) return { text, diagnostics: outcome.diagnostics, writeFailed: false };
  if (dryRun) {
    io.out(createTwoFilesPatch(file, file, text, outcome.text, '', '', { context: 3, headerOptions: FILE_HEADERS_ONLY }).replace(/\n$/, ''));
    return { text: outcome.text, diagnostics: outcome.diagnostics, writeFailed: false };
  }
  try {
    if (!io.writeFile) throw new Error('this runner cannot write files');
    io.writeFile(file, encodeText(outcome.text));
  } catch (e) {
    io.err(`${file}: cannot write: ${e instanceof Error ? e.message : String(e)}`);
    return { text, diagnostics: analyze(text, dialect).diagnostics, writeFailed: true };
  }
  return { text: outcome.text, diagnostics: outcome.diagnostics, writeFailed: false };
}
