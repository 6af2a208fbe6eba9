/**
 * Finding things in the parsed document: where the value at a path lives (its Frame: the node,
 * its slot as a key's value or a list item, whether it sits in flow), and where in the TEXT an
 * entry, its `-`, its key's `:` or its comment lines begin and end. The yaml AST gives node
 * ranges only; everything between them (dashes, comments, blank lines) is found here, so the
 * planner can cut and insert whole lines without touching the bytes around them.
 *
 * Usage:
 *   const loc = new Locator(parsed);
 *   const { frames, depth } = loc.resolve(['steps', 0, 'name']); // depth < path.length: the rest is missing
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path } from '../../contracts/path';
import type { ParsedDocument } from '../../contracts/document';
import { EditError, formatPath } from './plan';
import { indentOf, isBlank, layoutOf, Text, type Layout } from './text';

export type Slot = { kind: 'root' } | { kind: 'pair'; map: YAMLMap; pair: Pair; index: number } | { kind: 'item'; seq: YAMLSeq; index: number };

export interface Frame {
  node: Node | null;
  slot: Slot;
  /** The slot is inside a flow collection (so its value must be written in flow style). */
  flow: boolean;
  path: Path;
}

export function keyName(pair: Pair): string | undefined {
  const k = pair.key;
  // A merge key `<<` (a symbol) is not a name a path can use.
  if (!isScalar(k) || typeof k.value === 'symbol') return undefined;
  // As toJS names it: a null key becomes "".
  return k.value === null ? '' : String(k.value);
}

export function isNullScalar(n: unknown): boolean {
  return isScalar(n) && n.value === null;
}

export function isBlockScalar(n: unknown): boolean {
  return isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED');
}

export function isBlockCollection(n: unknown): n is YAMLMap | YAMLSeq {
  return (isMap(n) || isSeq(n)) && !n.flow;
}

export function describe(n: Node): string {
  if (isScalar(n)) return `value (${JSON.stringify(n.value) ?? String(n.value)})`;
  return isMap(n) ? 'mapping' : isSeq(n) ? 'list' : 'alias';
}

/** Reads positions in one parsed document; it never changes anything. */
export class Locator {
  readonly t: Text;
  readonly L: Layout;

  constructor(readonly parsed: ParsedDocument) {
    this.t = new Text(parsed.text);
    this.L = layoutOf(parsed);
  }

  // --- locating ------------------------------------------------------------------------------

  /** Follow `path` as far as it exists; frames[i] holds the value at path.slice(0, i). */
  resolve(path: Path): { frames: Frame[]; depth: number } {
    const frames: Frame[] = [{ node: (this.parsed.doc.contents as Node | null) ?? null, slot: { kind: 'root' }, flow: false, path: [] }];
    for (let i = 0; i < path.length; i++) {
      const f = frames[i];
      const n = f.node;
      const seg = path[i];
      const here = path.slice(0, i);
      if (isAlias(n)) {
        throw new EditError(`${formatPath(here)} is an alias (*${n.source}) of a value written elsewhere — edit the anchored value (&${n.source}) instead`);
      }
      const flow = f.flow || ((isMap(n) || isSeq(n)) && !!n.flow);
      if (isMap(n)) {
        const index = n.items.findLastIndex((p) => keyName(p) === String(seg));
        if (index < 0 && n.items.some((p) => !isScalar(p.key))) {
          // The missing name may be one of those keys as toJS spells it: do not add a twin.
          throw new EditError(`${formatPath(here)} has keys that are aliases, lists or mappings; edit it in the text`);
        }
        if (index < 0) break;
        const pair = n.items[index];
        frames.push({ node: (pair.value as Node | null) ?? null, slot: { kind: 'pair', map: n, pair, index }, flow, path: path.slice(0, i + 1) });
      } else if (isSeq(n)) {
        if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg >= n.items.length) break;
        frames.push({ node: (n.items[seg] as Node | null) ?? null, slot: { kind: 'item', seq: n, index: seg }, flow, path: path.slice(0, i + 1) });
      } else if (n === null || isNullScalar(n)) {
        break;
      } else {
        throw new EditError(`${formatPath(here)} is a ${describe(n)}, not a mapping or a list, so ${formatPath(path)} cannot be written`);
      }
    }
    return { frames, depth: frames.length - 1 };
  }

  // --- positions -----------------------------------------------------------------------------

  /** Just past the last character that belongs to a node (before its trailing comment). */
  contentEnd(n: unknown): number {
    if (isPair(n)) return n.value ? this.contentEnd(n.value) : this.contentEnd(n.key);
    const node = n as Node;
    if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length) return this.contentEnd(node.items[node.items.length - 1]);
    if (!node?.range) throw new EditError('The document changed shape while editing; try again');
    return node.range[1];
  }

  /** The `-` of a block sequence's item: the first non-blank character after the previous item. */
  dash(seq: YAMLSeq, i: number): number {
    const from = i === 0 ? seq.range![0] : this.contentEnd(seq.items[i - 1]);
    const p = this.t.skipBlank(from);
    if (this.t.s[p] !== '-') throw new EditError('Could not find the `-` of a list item; the text may be changing');
    return p;
  }

  /** Where an entry's text starts: its key (with props), its `-`, or its flow element. */
  itemStart(coll: YAMLMap | YAMLSeq, i: number): number {
    if (isSeq(coll)) {
      if (!coll.flow) return this.dash(coll, i);
      const item = coll.items[i];
      const range = isPair(item) ? (item.key as Node | null)?.range : (item as Node | null)?.range;
      if (!range) throw new EditError('This list element cannot be edited from the form');
      return this.t.propsBefore(range[0]);
    }
    const pair = coll.items[i];
    const key = pair.key as Node | null;
    if (!key?.range) throw new EditError('A mapping entry without a key cannot be edited here');
    const start = this.t.propsBefore(key.range[0]);
    const explicit = /\?[ \t]*$/.exec(this.t.s.slice(this.t.lineStart(start), start));
    if (!explicit) return start;
    // `{ ? a: 1 }` starts at its `?`; in a block the `?` line layout is left to the text.
    if (!coll.flow) throw new EditError(`The explicit key "? ${keyName(pair)}" cannot be edited from the form — edit it in the text`);
    return start - explicit[0].length;
  }

  /** `[a: 1]`: a one-pair mapping written without braces inside a flow list. */
  checkBraces(map: YAMLMap): void {
    if (map.flow && map.range && this.t.s[map.range[0]] !== '{') {
      throw new EditError('A one-entry mapping written inside a list without braces cannot be edited from the form — edit it in the text');
    }
  }

  /** Just after the `key:` or `-` of a slot and the anchors/tags that follow it on that line. */
  head(frame: Frame): number {
    const { slot } = frame;
    if (slot.kind === 'pair') {
      let p = this.contentEnd(slot.pair.key);
      while (this.t.s[p] === ' ' || this.t.s[p] === '\t') p++;
      if (this.t.s[p] !== ':') throw new EditError(`Could not find the ":" after the key "${keyName(slot.pair)}"`);
      return this.t.skipProps(p + 1);
    }
    if (slot.kind === 'item') return this.t.skipProps(this.dash(slot.seq, slot.index) + 1);
    return 0;
  }

  /** Column of a slot's own line (its key or dash), for the indentation of what goes below it. */
  slotCol(frame: Frame): number {
    const { slot } = frame;
    if (slot.kind === 'pair') return this.t.col(this.itemStart(slot.map, slot.index));
    if (slot.kind === 'item') return this.t.col(this.dash(slot.seq, slot.index));
    return -this.L.unit;
  }

  /** Spaces between `-` and content in this sequence (the document's habit when no item shows it). */
  gapOf(seq: YAMLSeq): number {
    for (let i = 0; i < seq.items.length; i++) {
      const item = seq.items[i] as Node | null;
      if (!item?.range) continue;
      const d = this.dash(seq, i);
      if (/^ +$/.test(this.t.s.slice(d + 1, item.range[0]))) return item.range[0] - d - 1;
    }
    return this.L.gap;
  }

  /**
   * End of an entry's lines: the line its content ends on, plus the comment lines right below it
   * that are indented deeper than the entry itself (they can only be about it).
   */
  entryEnd(start: number, ce: number): number {
    const t = this.t;
    const col = t.col(start);
    let end = t.linesEnd(ce);
    while (end < t.length) {
      const m = /^( *)#/.exec(t.s.slice(end, t.lineEnd(end)));
      if (!m || m[1].length <= col) break;
      end = t.afterLine(end);
    }
    return end;
  }

  /** One more than the indentation of the first non-blank line from line start `p` (0 at the end). */
  floorAt(p: number): number {
    for (let q = p; q < this.t.length; q = this.t.afterLine(q)) {
      const line = this.t.s.slice(q, this.t.lineEnd(q));
      if (!isBlank(line)) return indentOf(line) + 1;
    }
    return 0;
  }

  /** Start of an item's lines, with the comment lines directly above it at its own indentation. */
  blockStart(seq: YAMLSeq, i: number): number {
    const d = this.dash(seq, i);
    const col = this.t.col(d);
    const floor = i === 0 ? 0 : this.t.linesEnd(this.contentEnd(seq.items[i - 1]));
    let start = this.t.isBlankBetween(this.t.lineStart(d), d) ? this.t.lineStart(d) : d;
    while (start > floor && start === this.t.lineStart(start)) {
      const prev = this.t.lineStart(start - 1);
      if (prev < floor) break;
      const line = this.t.s.slice(prev, start);
      if (!new RegExp(`^ {${col}}#`).test(line)) break;
      start = prev;
    }
    return start;
  }
}
