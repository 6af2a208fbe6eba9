/**
 * Where a part of a text value stands in the source: the `export VH_CLEAN=1` inside a command,
 * the `epochs` of `{parameter:epochs}`, the node name at the start of an edge's `train.output.x`.
 *
 * A plain scalar (one line or folded over several), a block literal (`|`) and a quoted scalar
 * without escapes map character by character onto the source; any other (a folded `>` block,
 * a quoted value with escapes or line breaks) does not, and `sourceRange` says so with undefined.
 *
 * Usage: sourceRange(parsed, [0, 'step', 'command', 1], 7, 19)  → [offsetInText, offsetInText + 12]
 */
import { isScalar, type Node } from 'yaml';
import type { ParsedDocument } from '../contracts/document';
import type { Path } from '../contracts/path';
import type { NamePlace } from '../contracts/symbols';
import { locatePath } from './paths';

/** A run of the value's characters that stands unchanged in the source. */
interface Segment {
  value: number;
  source: number;
  length: number;
}

/** The lines of `body` (starting at `offset` in the text) with what each contributes to the value. */
function lineContents(body: string, offset: number, strip: (line: string) => number, trimEnd: boolean): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = offset;
  for (const line of body.split('\n')) {
    const cut = Math.min(strip(line), line.length);
    const text = trimEnd ? line.slice(cut).trimEnd() : line.slice(cut);
    out.push({ text, at: at + cut });
    at += line.length + 1;
  }
  return out;
}

/**
 * Line by line, each line's content must appear next in the value with only white space (the
 * folded or kept line breaks) between; anything else means the source does not map exactly.
 */
function align(value: string, lines: { text: string; at: number }[]): Segment[] | undefined {
  const segments: Segment[] = [];
  let pos = 0;
  for (const { text, at } of lines) {
    if (text === '') continue;
    const index = value.indexOf(text, pos);
    if (index < 0 || value.slice(pos, index).trim() !== '') return undefined;
    segments.push({ value: index, source: at, length: text.length });
    pos = index + text.length;
  }
  return value.slice(pos).trim() === '' ? segments : undefined;
}

function segmentsOf(parsed: ParsedDocument, node: Node): Segment[] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  const source = parsed.text.slice(start, end);
  const value = node.value;
  switch (node.type) {
    case 'PLAIN':
      return align(value, lineContents(source, start, (l) => l.length - l.trimStart().length, true));
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      const inner = source.slice(1, -1);
      return inner === value && !inner.includes('\n') ? [{ value: 0, source: start + 1, length: value.length }] : undefined;
    }
    case 'BLOCK_LITERAL': {
      const headerEnd = source.indexOf('\n');
      if (headerEnd < 0) return value === '' ? [] : undefined;
      const explicit = /[1-9]/.exec(source.slice(0, headerEnd))?.[0];
      const body = source.slice(headerEnd + 1);
      const first = body.split('\n').find((l) => l.trim() !== '') ?? '';
      // An explicit indicator counts from the parent's indentation, which the header's own line shows.
      const lineStart = parsed.text.lastIndexOf('\n', start - 1) + 1;
      const parentIndent = parsed.text.slice(lineStart).length - parsed.text.slice(lineStart).trimStart().length;
      const indent = explicit ? parentIndent + Number(explicit) : first.length - first.trimStart().length;
      return align(value, lineContents(body, start + headerEnd + 1, () => indent, false));
    }
    default:
      return undefined;
  }
}

/**
 * The text offsets of characters `from`..`to` (end exclusive) of the text value at `path`, when
 * they stand on one run of the source; undefined when the value is not text, or its source does
 * not map exactly (then mark the whole value).
 */
export function sourceRange(parsed: ParsedDocument, path: Path, from: number, to: number): [number, number] | undefined {
  const found = locatePath(parsed.doc, path);
  if (found.depth !== path.length || !found.node) return undefined;
  return rangeIn(parsed, found.node as Node, from, to);
}

/** Like `sourceRange`, for the text KEY naming the value at `path` (a quoted key's characters, without its quotes). */
export function keySourceRange(parsed: ParsedDocument, path: Path, from = 0, to?: number): [number, number] | undefined {
  const found = locatePath(parsed.doc, path);
  const key = found.depth === path.length ? (found.pair?.key as Node | undefined) : undefined;
  if (!isScalar(key)) return undefined;
  return rangeIn(parsed, key, from, to ?? String(key.value).length);
}

function rangeIn(parsed: ParsedDocument, node: Node, from: number, to: number): [number, number] | undefined {
  const segments = segmentsOf(parsed, node);
  const segment = segments?.find((s) => from >= s.value && to <= s.value + s.length);
  if (!segment) return undefined;
  return [segment.source + from - segment.value, segment.source + to - segment.value];
}

/** The source range of a name's place (see contracts/symbols.ts), or undefined when its source does not map exactly. */
export function placeRange(parsed: ParsedDocument, place: NamePlace): [number, number] | undefined {
  if (place.in === 'text') return place.range;
  if (place.in === 'key') return keySourceRange(parsed, place.path);
  return sourceRange(parsed, place.path, place.from, place.to);
}
