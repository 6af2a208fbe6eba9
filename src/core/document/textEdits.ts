/**
 * Text edits: the only way a document changes. Offsets refer to the text BEFORE the edit batch,
 * as Monaco reports them for one change event, so a batch is applied from the end backwards.
 *
 * Usage: `applyTextEdits('a: 1', [{ offset: 3, length: 1, insert: '2' }])` → `'a: 2'`
 */
import type { TextEdit } from '../contracts/change';

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.offset < 0 || e.length < 0 || e.offset + e.length > out.length || e.offset + e.length > limit) {
      throw new RangeError(`Edit at ${e.offset}+${e.length} is outside the text or overlaps another edit`);
    }
    out = out.slice(0, e.offset) + e.insert + out.slice(e.offset + e.length);
    limit = e.offset;
  }
  return out;
}

/**
 * The one edit that turns `from` into `to`: the span between their common start and common end
 * (none when they are equal). Usage: `editBetween('a: 1', 'a: 12')` → `{ offset: 4, length: 0, insert: '2' }`
 */
export function editBetween(from: string, to: string): TextEdit | null {
  if (from === to) return null;
  const most = Math.min(from.length, to.length);
  let start = 0;
  while (start < most && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < most - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { offset: start, length: from.length - start - end, insert: to.slice(start, to.length - end) };
}
