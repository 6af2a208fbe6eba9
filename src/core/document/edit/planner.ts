/**
 * Writing a value at a path (the `set` and `insert` intents): replace it in place, add a missing
 * key after its siblings, or insert a list item at the items' dash column, creating missing
 * parents on the way. Only the bytes of the replaced value (or the new lines) change; the new
 * text comes from the Emitter, laid out like the lines around it, and the Locator says where
 * those lines are.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path } from '../../contracts/path';
import type { ParsedDocument } from '../../contracts/document';
import { kindOf, matches, targetOf, type ScalarType, type YamlVersion } from '../scalar';
import { Emitter, Flow, isBlockValue, isCollectionValue, Leaf, leafOf, Out } from './emit';
import { describe, isBlockCollection, isBlockScalar, isNullScalar, keyName, Locator, type Frame } from './locate';
import { EditError, formatPath, type PlannedEdit } from './plan';
import { indentOf, isBlank, type Layout, type Text } from './text';

/** Plans one intent on one parsed document; make a new one for each (it remembers what it wrote). */
export class Planner {
  readonly loc: Locator;
  readonly t: Text;
  readonly L: Layout;
  readonly emit: Emitter;
  /** A scalar written under an explicit tag (`!!str 5`): the tag decides its type, so check it. */
  tagged?: { tag: string; leaf: Leaf; path: Path };

  constructor(
    readonly parsed: ParsedDocument,
    readonly version: YamlVersion,
  ) {
    this.loc = new Locator(parsed);
    this.t = this.loc.t;
    this.L = this.loc.L;
    this.emit = new Emitter(version, this.L);
  }

  // --- set -----------------------------------------------------------------------------------

  /** Write `v` (a Leaf, a collection) at `path`, creating what is missing. */
  write(path: Path, v: unknown): PlannedEdit[] {
    const { frames, depth } = this.loc.resolve(path);
    const last = frames[depth];
    if (depth === path.length) return this.replace(last, v);
    const rest = path.slice(depth);
    const wrap = (seg: string | number, inner: unknown): unknown => {
      if (typeof seg === 'number') {
        if (seg !== 0) throw new EditError(`${formatPath(path)} cannot be written: the list it is in does not exist yet, so only item [0] can be created`);
        return [inner];
      }
      return Object.fromEntries([[seg, inner]]);
    };
    for (let i = rest.length - 1; i >= 1; i--) v = wrap(rest[i], v);
    const node = last.node;
    if (isMap(node)) return this.addPair(last, node, String(rest[0]), v);
    if (isSeq(node)) {
      if (rest[0] === node.items.length) return this.insertItem(last, node, node.items.length, v);
      throw new EditError(`${formatPath(path)} does not exist: the list at ${formatPath(last.path)} has ${node.items.length} items`);
    }
    return this.replace(last, wrap(rest[0], v));
  }

  /** The type to keep when the intent does not say: a float stays a float when given 5. */
  private effectiveAs(leaf: Leaf, node: Node | null): ScalarType | undefined {
    if (leaf.as || typeof leaf.value !== 'number' || !isScalar(node) || !node.range) return leaf.as;
    const kind = kindOf(node, this.version, this.t.s.slice(node.range[0], node.range[1]));
    return kind === 'float' ? 'float' : undefined;
  }

  replace(frame: Frame, v: unknown): PlannedEdit[] {
    const node = frame.node;
    if (v instanceof Leaf) {
      v = new Leaf(v.value, this.effectiveAs(v, node), v.literal);
      const leaf = v as Leaf;
      // An alias (`*a`) already holding the value stays an alias.
      const held = isAlias(node) ? node.resolve(this.parsed.doc) : node;
      if (isScalar(node) && node.tag) this.tagged = { tag: node.tag, leaf, path: frame.path };
      if (isScalar(held) && held.range && node?.range) {
        const read = { value: held.value, kind: kindOf(held, this.version, this.t.s.slice(held.range[0], held.range[1])) };
        let same = false;
        try {
          same = matches(read, targetOf(leaf.value, leaf.as));
        } catch (e) {
          throw new EditError(e instanceof Error ? e.message : String(e));
        }
        if (same) return [{ offset: node.range[0], length: 0, insert: '', leaf: [0, node.range[1] - node.range[0]], style: held.type }];
      }
      // `{key}` or an empty document already hold null.
      if (!node && leaf.value == null && (leaf.as ?? 'null') === 'null') return [];
    }
    if (frame.slot.kind === 'root' && (!node?.range || (isNullScalar(node) && node.range[0] === node.range[1]))) return [this.appendRoot(v)];
    const keepFlow = (isMap(node) || isSeq(node)) && node.flow;
    if (!isBlockValue(v) || frame.flow || keepFlow) return this.replaceInline(frame, v);
    return this.replaceBlock(frame, v as unknown[] | Record<string, unknown>);
  }

  /** Content column of an existing block scalar, or one unit below its slot. */
  private blockIndent(frame: Frame): number {
    const node = frame.node;
    if (isBlockScalar(node) && node!.range) {
      const [s, e] = node!.range;
      for (let p = this.t.afterLine(s); p < e; p = this.t.afterLine(p)) {
        const line = this.t.s.slice(p, this.t.lineEnd(p));
        if (!isBlank(line)) return indentOf(line);
      }
    }
    return Math.max(this.loc.slotCol(frame), 0) + this.L.unit;
  }

  /** Replace a value by something that fits on its line: a scalar, `{}`/`[]`, or a flow collection. */
  replaceInline(frame: Frame, v: unknown): PlannedEdit[] {
    const t = this.t;
    const { eol } = this.L;
    const node = frame.node;
    const out = new Out();
    const at = (offset: number, length: number, prefix: string, suffix = ''): PlannedEdit[] => [this.edit(offset, length, out, prefix, suffix)];

    if (!node) {
      // `{key}` in a flow mapping: the value is written after the key.
      if (frame.slot.kind !== 'pair') throw new EditError(`Nothing to replace at ${formatPath(frame.path)}`);
      const key = frame.slot.pair.key as Node | null;
      const before = key?.range ? t.s.slice(t.lineStart(key.range[0]), key.range[0]) : '?';
      if (!frame.flow || /\?\s*$/.test(before)) {
        throw new EditError(`The explicit key "? ${keyName(frame.slot.pair)}" cannot be edited from the form — edit it in the text`);
      }
      this.emit.writeInline(out, v, { flow: frame.flow, indent: 0 });
      return at(this.loc.contentEnd(frame.slot.pair.key), 0, ': ');
    }
    const [s, e] = node.range!;
    if (isBlockScalar(node)) {
      // Keep the header's comment (`|- # note`) and the line break the block ends with.
      const header = /^[|>][-+0-9]*/.exec(t.s.slice(s))![0];
      const rest = t.s.slice(s + header.length, t.lineEnd(s));
      const terminated = t.s[e - 1] === '\n';
      this.emit.writeInline(out, v, { flow: false, indent: this.blockIndent(frame), style: (node as Scalar).type, trailingNewline: terminated });
      const tail = terminated ? eol : '';
      if (out.style === 'BLOCK_LITERAL' || out.style === 'BLOCK_FOLDED') {
        // The new header, the old header's comment, then the new lines.
        const cut = out.s.indexOf(eol);
        out.s = out.s.slice(0, cut) + rest + out.s.slice(cut);
        if (out.leaf) out.leaf = [out.leaf[0], out.leaf[1] + rest.length];
        return at(s, e - s, '', tail);
      }
      return at(s, e - s, '', rest + tail);
    }
    if (!isBlockCollection(node)) {
      const empty = s === e;
      // An empty value (`key:`) may become a `|` block when nothing follows on its line.
      const restBlank = isBlank(t.s.slice(e, t.lineEnd(e)));
      const style = empty && !frame.flow && restBlank ? undefined : isScalar(node) ? node.type : 'PLAIN';
      const trailing = t.afterLine(e) > t.lineEnd(e);
      this.emit.blockFloor = this.loc.floorAt(t.afterLine(e));
      const flow = frame.flow || ((isMap(node) || isSeq(node)) && !!node.flow);
      this.emit.writeInline(out, v, { flow, indent: flow ? 0 : this.blockIndent(frame), style, trailingNewline: trailing });
      const space = empty && !/[ \t]/.test(t.s[s - 1] ?? ' ') ? ' ' : '';
      // `- # note`: the comment needs a space before it.
      return at(s, e - s, space, empty && t.s[e] === '#' ? ' ' : '');
    }
    // A block collection becomes an inline value: write it after the key/dash, drop its lines.
    const ce = this.loc.contentEnd(node);
    this.emit.writeInline(out, v, { flow: false, indent: this.blockIndent(frame), style: 'PLAIN' });
    if (frame.slot.kind === 'root') return at(s, t.lineEndBefore(ce) - s, '');
    if (frame.slot.kind === 'item' && t.lineStart(s) === t.lineStart(this.loc.dash(frame.slot.seq, frame.slot.index))) {
      return at(s, t.lineEndBefore(ce) - s, '');
    }
    const h = this.loc.head(frame);
    const from = t.lineEnd(h);
    const end = t.lineEndBefore(ce);
    if (t.isBlankBetween(h, from)) return at(h, end - h, ' ');
    // `key:  # note` keeps its note: the value goes before it, the lines below go.
    return [...at(h, 0, ' '), { offset: from, length: end - from, insert: '' }];
  }

  /** An empty document (maybe only comments or `---`): the value goes on new lines at the end. */
  private appendRoot(v: unknown): PlannedEdit {
    if (/^\.\.\.(?:\s|$)/m.test(this.t.s)) throw new EditError('The document ends with `...` and has no content — write the first key in the text');
    return this.insertLines(this.t.length, () => {
      if (isBlockValue(v)) return this.emit.fragment(v as Record<string, unknown>, 0, true);
      const out = new Out();
      this.emit.writeInline(out, v, { flow: false, indent: this.L.unit });
      return out;
    });
  }

  /** Column for a new block collection written below/after a slot. */
  private childCol(frame: Frame, v: unknown): number {
    const { slot } = frame;
    if (slot.kind === 'root') return 0;
    if (slot.kind === 'item') return this.loc.slotCol(frame) + 1 + this.loc.gapOf(slot.seq);
    return this.loc.slotCol(frame) + (Array.isArray(v) ? this.L.seqIndent : this.L.unit);
  }

  /** The edit that writes `out` between `prefix` and `suffix`, carrying where its Leaf landed. */
  edit(offset: number, length: number, out: Out, prefix = '', suffix = ''): PlannedEdit {
    const edit: PlannedEdit = { offset, length, insert: prefix + out.s + suffix };
    if (out.leaf) {
      edit.leaf = [out.leaf[0] + prefix.length, out.leaf[1] + prefix.length];
      edit.style = out.style;
    }
    return edit;
  }

  /** Insert whole lines at a line start `p` (or at the end of a text without a final newline). */
  private insertLines(p: number, build: () => Out): PlannedEdit {
    const { eol } = this.L;
    if (p === this.t.length && !this.t.endsWithNewline()) {
      this.emit.trailingNewline = false;
      return this.edit(p, 0, build(), eol);
    }
    return this.edit(p, 0, build(), '', eol);
  }

  /** Replace a value by a block collection, below its key or after its `-`. */
  replaceBlock(frame: Frame, v: unknown[] | Record<string, unknown>): PlannedEdit[] {
    const t = this.t;
    const { eol } = this.L;
    const node = frame.node;
    const col = this.childCol(frame, v);
    const terminated = (e: number) => (t.s[e - 1] === '\n' ? eol : '');
    const regionEnd = !node?.range ? t.length : isBlockCollection(node) ? t.lineEndBefore(this.loc.contentEnd(node)) : node.range[1];
    this.emit.blockFloor = this.loc.floorAt(t.linesEnd(regionEnd));
    // Written in place of an inline value, the fragment's last line gets that line's comment:
    // a block scalar there would take the comment as content.
    const inPlace = () => {
      if (!isBlank(t.s.slice(regionEnd, t.lineEnd(regionEnd)))) this.emit.blockFloor = Infinity;
    };

    if (frame.slot.kind === 'root') {
      const [s, e] = node!.range!;
      if (isBlockCollection(node)) return [this.edit(t.lineStart(s), t.lineEndBefore(this.loc.contentEnd(node)) - t.lineStart(s), this.emit.fragment(v, 0, true))];
      // After `--- ` or a tag, a block collection starts on the next line.
      const own = t.isBlankBetween(t.lineStart(s), s) ? '' : eol;
      if (!isBlockScalar(node)) inPlace();
      return [this.edit(s, e - s, this.emit.fragment(v, 0, true), own, isBlockScalar(node) ? terminated(e) : '')];
    }

    const h = this.loc.head(frame);
    const [s, e] = node?.range ?? [h, h];
    // `- name: x`: the collection starts on the dash line — unless the dash carries anchors or
    // tags, is followed by a tab, or an empty item has a comment (`- # none`).
    const compactItem =
      frame.slot.kind === 'item' &&
      h === this.loc.dash(frame.slot.seq, frame.slot.index) + 1 &&
      (t.lineStart(s) !== t.lineStart(h) || /^ *$/.test(t.s.slice(h, s))) &&
      (s !== e || isBlank(t.s.slice(e, t.lineEnd(e))));
    if (compactItem) {
      if (isBlockCollection(node)) {
        const end = t.lineEndBefore(this.loc.contentEnd(node));
        if (t.lineStart(s) === t.lineStart(h)) return [this.edit(s, end - s, this.emit.fragment(v, col, false))];
        return [this.edit(h, end - h, this.emit.fragment(v, col, false), ' ')];
      }
      if (!isBlockScalar(node)) inPlace();
      if (s === e) return [this.edit(h, e - h, this.emit.fragment(v, col, false), ' ')];
      return [this.edit(s, e - s, this.emit.fragment(v, col, false), '', isBlockScalar(node) ? terminated(e) : '')];
    }

    // Below the key (or below a `-` carrying anchors/tags): the key's line and its comment stay.
    if (isBlockCollection(node)) {
      const s = t.lineStart(node.range![0]);
      return [this.edit(s, t.lineEndBefore(this.loc.contentEnd(node)) - s, this.emit.fragment(v, col, true))];
    }
    if (isBlockScalar(node)) return [this.edit(h, e - h, this.emit.fragment(v, col, true), eol, terminated(e))];
    // Drop an inline value with the space before it (`key: ~` → `key:`); an empty one has nothing.
    const drop: PlannedEdit = { offset: h, length: s === e ? 0 : e - h, insert: '' };
    return [drop, this.insertLines(t.afterLine(e), () => this.emit.fragment(v, col, true))];
  }

  /** Add `key: v` to a mapping: after its last entry, with the siblings' indentation. */
  addPair(frame: Frame, map: YAMLMap, key: string, v: unknown): PlannedEdit[] {
    const t = this.t;
    this.loc.checkBraces(map);
    if (frame.flow || map.flow) {
      const out = new Out();
      out.s = `${this.emit.key(key, true)}: `;
      this.emit.writeInline(out, v, { flow: true, indent: 0 });
      return [this.flowAdd(map, map.items.length, out)];
    }
    const col = t.col(this.loc.itemStart(map, 0));
    const n = map.items.length;
    const at = this.loc.entryEnd(this.loc.itemStart(map, n - 1), this.loc.contentEnd(map.items[n - 1]));
    this.emit.blockFloor = this.loc.floorAt(at);
    // A one-entry mapping at the siblings' column: its lines are exactly the new entry's.
    return [this.insertLines(at, () => this.emit.fragment(Object.fromEntries([[key, v]]), col, true))];
  }

  /** Separator between flow entries as the collection writes it (`, ` unless it shows another). */
  private flowSep(coll: YAMLMap | YAMLSeq): string {
    const n = coll.items.length;
    if (n >= 2) {
      const between = this.t.s.slice(this.loc.contentEnd(coll.items[n - 2]), this.loc.itemStart(coll, n - 1));
      if (/^[ \t]*,\s*$/.test(between)) return between.replace(/^[ \t]+/, '');
    }
    return ', ';
  }

  /** Insert a rendered flow entry at index `i`. */
  private flowAdd(coll: YAMLMap | YAMLSeq, i: number, out: Out): PlannedEdit {
    const n = coll.items.length;
    const [s, e] = coll.range!;
    if (n === 0) {
      const inner = this.t.s.slice(s + 1, e - 1);
      return /^\s*$/.test(inner) ? this.edit(s + 1, e - 1 - (s + 1), out) : this.edit(s + 1, 0, out);
    }
    const sep = this.flowSep(coll);
    if (i < n) return this.edit(this.loc.itemStart(coll, i), 0, out, '', sep);
    return this.edit(this.loc.contentEnd(coll.items[n - 1]), 0, out, sep);
  }

  /** Insert `v` as item `index` of a sequence, matching the items' dash column and gap. */
  insertItem(frame: Frame, seq: YAMLSeq, index: number, v: unknown): PlannedEdit[] {
    const n = seq.items.length;
    if (!Number.isInteger(index) || index < 0 || index > n) throw new EditError(`Cannot insert at [${index}]: the list at ${formatPath(frame.path)} has ${n} items`);
    if (frame.flow || seq.flow) {
      const out = new Out();
      this.emit.writeInline(out, v, { flow: true, indent: 0 });
      return [this.flowAdd(seq, index, out)];
    }
    const t = this.t;
    const dashCol = t.col(this.loc.dash(seq, 0));
    const gap = this.loc.gapOf(seq);
    const item = (indent: string) => {
      const out = new Out();
      out.s = `${indent}-${' '.repeat(gap)}`;
      this.emit.writeValue(out, v, dashCol + 1 + gap, dashCol + 1 + gap);
      return out;
    };
    // Before an item (and the comment lines that belong to it), at the `-` column: the old
    // item's indentation now indents the new one, and the old item gets the same again.
    if (index < n) {
      const b = this.loc.blockStart(seq, index);
      this.emit.blockFloor = dashCol + 1;
      return [this.edit(b === t.lineStart(b) ? b + dashCol : b, 0, item(''), '', this.L.eol + ' '.repeat(dashCol))];
    }
    const at = this.loc.entryEnd(this.loc.dash(seq, n - 1), this.loc.contentEnd(seq.items[n - 1]));
    this.emit.blockFloor = this.loc.floorAt(at);
    return [this.insertLines(at, () => item(' '.repeat(dashCol)))];
  }

  insert(path: Path, index: number | undefined, value: unknown, flow = false): PlannedEdit[] {
    const v = flow && isCollectionValue(value) ? new Flow(value) : leafOf(value);
    const { frames, depth } = this.loc.resolve(path);
    if (depth < path.length) {
      if (index) throw new EditError(`${formatPath(path)} does not exist yet, so only item [0] can be inserted`);
      return this.write(path, [v]);
    }
    const frame = frames[depth];
    const node = frame.node;
    if (isSeq(node)) return this.insertItem(frame, node, index ?? node.items.length, v);
    if (node === null || isNullScalar(node)) {
      if (index) throw new EditError(`${formatPath(path)} is empty, so only item [0] can be inserted`);
      return this.replace(frame, [v]);
    }
    throw new EditError(`${formatPath(path)} is a ${describe(node)}, not a list`);
  }
}
