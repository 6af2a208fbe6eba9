/**
 * The quick fix for a legacy top-level `predict:` section: move it, lines and comments as they
 * are, under `eval:` as `eval.predict` — creating `eval:` in its place when there is none, or
 * appending it to an existing block `eval:` mapping. No fix when `eval.predict` already exists
 * (the person must merge the two) or when `eval` is written in flow style.
 *
 * Usage: `moveToEvalFix(parsed)` → a Fix, or undefined
 */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { TextEdit } from '../../contracts/change';
import { indentUnitOf } from '../../assist/context';
import type { Fix } from '../../contracts/diagnostics';

function topPair(parsed: ParsedDocument, key: string): Pair | undefined {
  const root = parsed.doc.contents;
  if (!isMap(root)) return undefined;
  return root.items.find((p) => isScalar(p.key) && p.key.value === key);
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

/** The offset just past the line on which a node ends (after its newline, or the end of the text). */
function pastLastLine(text: string, node: Node | null | undefined, fallback: number): number {
  const end = node?.range ? node.range[1] : fallback;
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

/** Each non-empty line of `block` with `pad` before it. */
function indent(block: string, pad: string): string {
  return block.replace(/^(?=[^\r\n])/gm, pad);
}

export function moveToEvalFix(parsed: ParsedDocument): Fix | undefined {
  const { text } = parsed;
  const predict = topPair(parsed, 'predict');
  const key = predict?.key as Node | undefined;
  if (!predict || !key?.range) return undefined;
  const unit = indentUnitOf(text);
  const title = 'Move it to eval.predict';
  const evalPair = topPair(parsed, 'eval');
  const start = lineStart(text, key.range[0]);
  const end = pastLastLine(text, predict.value as Node | null, key.range[1]);

  if (!evalPair) {
    // `predict:` becomes `eval:` + `  predict:`, and every further line of the block moves in one step.
    const edits: TextEdit[] = [{ offset: key.range[0], length: key.range[1] - key.range[0], insert: `eval:\n${unit}predict` }];
    for (let at = text.indexOf('\n', key.range[1]) + 1; at > 0 && at < end; at = text.indexOf('\n', at) + 1) {
      if (!/^[ \t]*\r?$/.test(text.slice(at, text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at)))) edits.push({ offset: at, length: 0, insert: unit });
    }
    return { title, edits };
  }

  const evalValue = evalPair.value as Node | null;
  if (isMap(evalValue) && evalValue.items.some((p) => isScalar(p.key) && p.key.value === 'predict')) return undefined;
  let block = text.slice(start, end);
  if (!block.endsWith('\n')) block += '\n';
  const removal: TextEdit = { offset: start, length: end - start, insert: '' };
  if (isMap(evalValue) && !evalValue.flow && evalValue.items.length > 0) {
    const first = evalValue.items[0].key as Node;
    const pad = ' '.repeat(first.range![0] - lineStart(text, first.range![0]));
    const at = pastLastLine(text, evalValue, first.range![1]);
    const insert = (at === text.length && !text.endsWith('\n') ? '\n' : '') + indent(block, pad);
    return { title, edits: [removal, { offset: at, length: 0, insert }] };
  }
  const evalKey = evalPair.key as Node;
  const empty = evalValue === null || (isScalar(evalValue) && evalValue.value === null && (!evalValue.range || evalValue.range[0] === evalValue.range[1]));
  if (!empty || !evalKey.range) return undefined;
  // `eval:` with nothing under it: the block goes right below.
  const at = pastLastLine(text, null, evalKey.range[1]);
  const insert = (at === text.length && !text.endsWith('\n') ? '\n' : '') + indent(block, unit);
  return { title, edits: [removal, { offset: at, length: 0, insert }] };
}
