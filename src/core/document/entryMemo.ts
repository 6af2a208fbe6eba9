/**
 * Findings about one top-level entry, kept while the entry is unchanged. IncrementalParser hands
 * back the very same value objects for an entry whose text did not change, so a finding computed
 * from that entry alone holds again — moved by however far the entry moved in the text. A full
 * parse makes new objects, so nothing is reused then (the CLI, the first load).
 *
 * Only for checks that read nothing but their entry (its value and its own text): anything that
 * also reads other entries, or writes line numbers into its messages, must not use this.
 *
 * Usage: `const memo = new EntryMemo(); memo.findings(parsed, entryIndex, stepMapping, () => lintStep(...))`
 */
import { isCollection, type Node } from 'yaml';
import type { Diagnostic } from '../contracts/diagnostics';
import type { ParsedDocument } from '../contracts/document';

interface Kept {
  index: number;
  start: number;
  found: readonly Diagnostic[];
}

/** A finding moved by `delta` characters: its range and its fixes' edits. */
function moved(d: Diagnostic, delta: number): Diagnostic {
  const out: Diagnostic = { ...d, range: [d.range[0] + delta, d.range[1] + delta] };
  if (d.fixes) out.fixes = d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, offset: e.offset + delta })) }));
  return out;
}

export class EntryMemo {
  private kept = new WeakMap<object, Kept>();

  /**
   * The findings `check` gives for the top-level entry at `index` whose value is `key` (an object
   * of that entry's value): computed once per entry text, then moved to where the entry is now.
   */
  findings(parsed: ParsedDocument, index: number, key: object, check: () => Diagnostic[]): readonly Diagnostic[] {
    const root = parsed.doc.contents;
    const entry = isCollection(root) ? (root.items[index] as Node | { key?: Node } | undefined) : undefined;
    const node = entry && 'range' in entry ? entry : (entry as { key?: Node } | undefined)?.key;
    const start = (node as Node | undefined)?.range?.[0];
    if (start === undefined) return check();
    const kept = this.kept.get(key);
    if (kept && kept.index === index) return kept.start === start ? kept.found : kept.found.map((d) => moved(d, start - kept.start));
    const found = check();
    this.kept.set(key, { index, start, found });
    return found;
  }
}
