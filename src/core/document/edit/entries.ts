/**
 * The intents that act on an existing entry as a whole: delete it, move a list item, rename a
 * key. They share `entry` (the entry must exist, and a duplicated key is refused: which twin
 * would go?) and cut or paste the entry's own lines verbatim, comments included, so nothing
 * else in the text moves. Writing new values is the Planner's job; these only use it to empty
 * a collection (deleting its last entry) and to write a renamed key.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path } from '../../contracts/path';
import { Leaf, Out } from './emit';
import { isBlockScalar, keyName, type Frame } from './locate';
import { EditError, formatPath, type PlannedEdit } from './plan';
import type { Planner } from './planner';

// --- delete --------------------------------------------------------------------------------

function entry(p: Planner, path: Path, what: string): { frames: Frame[]; frame: Frame; coll: YAMLMap | YAMLSeq; index: number } {
  const { frames, depth } = p.loc.resolve(path);
  if (depth < path.length) throw new EditError(`There is no ${formatPath(path)} to ${what}`);
  const frame = frames[depth];
  const { slot } = frame;
  if (slot.kind === 'root') throw new EditError(`The whole document is not an entry; there is nothing to ${what}`);
  if (slot.kind === 'pair') {
    p.loc.checkBraces(slot.map);
    const name = keyName(slot.pair);
    if (slot.map.items.filter((q) => keyName(q) === name).length > 1) {
      throw new EditError(`The key "${name}" appears more than once at ${formatPath(path.slice(0, -1))} — remove the duplicate in the text first`);
    }
    return { frames, frame, coll: slot.map, index: slot.index };
  }
  return { frames, frame, coll: slot.seq, index: slot.index };
}

export function deleteEntry(p: Planner, path: Path): PlannedEdit[] {
  const t = p.t;
  const { frames, coll, index } = entry(p, path, 'delete');
  const n = coll.items.length;
  // The last entry: the collection becomes `{}`/`[]` (an empty block would read as null).
  if (n === 1) return p.replace(frames[frames.length - 2], isMap(coll) ? {} : []);
  const start = p.loc.itemStart(coll, index);
  const ce = p.loc.contentEnd(coll.items[index]);
  if (coll.flow) {
    // The element and one comma: the one after it, or before it for the last element.
    if (index < n - 1) return [{ offset: start, length: p.loc.itemStart(coll, index + 1) - start, insert: '' }];
    const prevEnd = p.loc.contentEnd(coll.items[index - 1]);
    return [{ offset: prevEnd, length: ce - prevEnd, insert: '' }];
  }
  const ls = t.lineStart(start);
  const end = p.loc.entryEnd(start, ce);
  if (t.isBlankBetween(ls, start)) {
    // Exactly its lines; at the end of a text without final newline, the break before them.
    if (end === t.length && !t.endsWithNewline() && ls > 0) {
      const from = t.tailStart(ls);
      return [{ offset: from, length: end - from, insert: '' }];
    }
    return [{ offset: ls, length: end - ls, insert: '' }];
  }
  // First entry of a compact collection (`- name: x`): the next entry moves up to its place,
  // unless comment lines lie between (they stay, and the collection continues below the `-`).
  const next = p.loc.itemStart(coll, 1);
  if (!/#/.test(t.s.slice(end, t.lineStart(next)))) return [{ offset: start, length: next - start, insert: '' }];
  const from = ls + t.s.slice(ls, start).replace(/[ \t]+$/, '').length;
  return [{ offset: from, length: t.lineEndBefore(ce) - from, insert: '' }];
}

// --- move ----------------------------------------------------------------------------------

export function moveItem(p: Planner, path: Path, to: number): PlannedEdit[] {
  const t = p.t;
  const { coll: seq, index: from } = entry(p, path, 'move');
  if (!isSeq(seq)) throw new EditError(`${formatPath(path)} is a mapping key, not a list item — only list items can be moved`);
  const n = seq.items.length;
  if (!Number.isInteger(to) || to < 0 || to >= n) throw new EditError(`Cannot move to [${to}]: the list has ${n} items`);
  if (from === to) return [];
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const firstCompact = !seq.flow && !t.isBlankBetween(t.lineStart(p.loc.dash(seq, 0)), p.loc.dash(seq, 0));
  if (seq.flow || (firstCompact && lo === 0)) return rotate(p, seq, from, to, lo, hi);

  // Whole lines, verbatim, with the comment lines directly above the item.
  const { eol } = p.L;
  const bStart = p.loc.blockStart(seq, from);
  const bEnd = p.loc.entryEnd(p.loc.dash(seq, from), p.loc.contentEnd(seq.items[from]));
  let moved = t.s.slice(bStart, bEnd);
  let removeFrom = bStart;
  if (!moved.endsWith('\n')) {
    moved += eol;
    removeFrom = t.tailStart(bStart);
  }
  const remove: PlannedEdit = { offset: removeFrom, length: bEnd - removeFrom, insert: '' };
  if (to < from) return [{ offset: p.loc.blockStart(seq, to), length: 0, insert: moved }, remove];
  const at = p.loc.entryEnd(p.loc.dash(seq, to), p.loc.contentEnd(seq.items[to]));
  if (at === t.length && !t.endsWithNewline()) return [{ offset: at, length: 0, insert: eol + moved.slice(0, -eol.length) }, remove];
  return [{ offset: at, length: 0, insert: moved }, remove];
}

/** Move by exchanging the items' texts in place (flow lists, or a list whose first item shares a line). */
function rotate(p: Planner, seq: YAMLSeq, from: number, to: number, lo: number, hi: number): PlannedEdit[] {
  const t = p.t;
  const spans: [number, number][] = [];
  for (let k = lo; k <= hi; k++) {
    const node = seq.items[k] as Node;
    const start = seq.flow ? p.loc.itemStart(seq, k) : t.propsBefore(node.range![0]);
    spans.push([start, p.loc.contentEnd(node)]);
  }
  const texts = spans.map(([a, b]) => t.s.slice(a, b));
  if (!seq.flow && texts.some((x) => x.includes('\n')) && new Set(spans.map((_s, i) => gapOfItem(p, seq, lo + i))).size > 1) {
    throw new EditError('These list items are indented differently, so they cannot be reordered from the form — move them in the text');
  }
  const order = texts.map((_x, i) => i);
  const [m] = order.splice(from - lo, 1);
  order.splice(to - lo, 0, m);
  return spans.map(([a, b], i) => {
    const text = texts[order[i]];
    const needsSpace = a === b && text && !/[\s[,]/.test(t.s[a - 1] ?? ' ');
    return { offset: a, length: b - a, insert: (needsSpace ? ' ' : '') + text };
  });
}

function gapOfItem(p: Planner, seq: YAMLSeq, i: number): number {
  return (seq.items[i] as Node).range![0] - p.loc.dash(seq, i);
}

// --- rename --------------------------------------------------------------------------------

export function renameKey(p: Planner, path: Path, to: string): PlannedEdit[] {
  const { frame } = entry(p, path, 'rename');
  const { slot } = frame;
  if (slot.kind !== 'pair') throw new EditError(`${formatPath(path)} is a list item, not a mapping key`);
  if (typeof to !== 'string') throw new EditError('A key must be a text');
  const key = slot.pair.key;
  const range = isScalar(key) ? key.range : undefined;
  // Plain implicit keys only: not empty, not a block scalar, not after `?` (itemStart then starts at the `?`).
  if (!isScalar(key) || !range || range[0] === range[1] || isBlockScalar(key) || p.loc.itemStart(slot.map, slot.index) !== p.t.propsBefore(range[0])) {
    throw new EditError(`The key at ${formatPath(path)} is not a plain key — rename it in the text`);
  }
  const [s, e] = range;
  if (keyName(slot.pair) === to) return [{ offset: s, length: 0, insert: '', leaf: [0, e - s] }];
  if (slot.map.items.some((q) => q !== slot.pair && keyName(q) === to)) {
    throw new EditError(`There is already a key "${to}" at ${formatPath(path.slice(0, -1))}`);
  }
  const style = key.type === 'QUOTE_SINGLE' || key.type === 'QUOTE_DOUBLE' || key.type === 'PLAIN' ? key.type : undefined;
  const out = new Out();
  p.emit.writeInline(out, new Leaf(to, 'string'), { flow: frame.flow, indent: 0, style }, true);
  return [p.edit(s, e - s, out)];
}
