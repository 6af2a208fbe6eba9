/**
 * The quick fix that turns a mapping into a list of one-key mappings, for ComputeStats
 * `variables` (emloop reads a map there by its keys only): a block map gets `- ` before each
 * key, a flow map `{a: x, b: y}` becomes `[{a: x}, {b: y}]`. The fix is offered only when the
 * edited text parses to exactly that list — a layout it cannot rewrite safely gets none.
 *
 * Usage: `mapToListFix(parsed, [ 'hooks', 0, 'ComputeStats', 'variables' ])` → [fix] or []
 */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Fix } from '../../contracts/diagnostics';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import type { TextEdit } from '../../contracts/change';
import { locatePath } from '../../document/paths';
import { parseText } from '../../document/parse';
import { applyTextEdits } from '../../document/textEdits';
import { isMapping, valueAt } from '../../guards';

const TITLE = 'Write the variables as a list';
// emloop's reader (see index.ts); here to avoid importing the dialect into its own lint.
const YAML = { version: '1.2', duplicateKeys: 'error', mergeKeys: true } as const;


function edits(text: string, map: Node & { items: Pair[]; flow?: boolean; range?: [number, number, number] | null }): TextEdit[] | undefined {
  const pairs = map.items;
  if (pairs.length === 0 || !map.range) return undefined;
  if (!map.flow) {
    const out: TextEdit[] = [];
    for (const p of pairs) {
      const r = (p.key as Node | null)?.range;
      if (!r) return undefined;
      out.push({ offset: r[0], length: 0, insert: '- ' });
    }
    return out;
  }
  const items: string[] = [];
  for (const p of pairs) {
    const start = (p.key as Node | null)?.range?.[0];
    const end = (p.value as Node | null)?.range?.[1] ?? (p.key as Node | null)?.range?.[1];
    if (start === undefined || end === undefined) return undefined;
    items.push(`{${text.slice(start, end).trim()}}`);
  }
  return [{ offset: map.range[0], length: map.range[1] - map.range[0], insert: `[${items.join(', ')}]` }];
}

export function mapToListFix(parsed: ParsedDocument, path: Path): Fix[] {
  const node = locatePath(parsed.doc, path).node as Node | null | undefined;
  const before = valueAt(parsed.value, path);
  if (!isMap(node) || !isMapping(before) || node.items.some((p) => !isScalar(p.key))) return [];
  const planned = edits(parsed.text, node as Parameters<typeof edits>[1]);
  if (!planned) return [];
  const after = parseText(applyTextEdits(parsed.text, planned), YAML);
  const expected = Object.entries(before).map(([k, v]) => ({ [k]: v }));
  if (!after.ok || JSON.stringify(valueAt(after.value, path)) !== JSON.stringify(expected)) return [];
  return [{ title: TITLE, edits: planned }];
}
