/**
 * A form's intent → the SMALLEST text edits that make it true. The text stays the one truth:
 * only the bytes of the touched value (or the lines of the touched entry) change; comments,
 * blank lines, anchors, quoting, key order, unknown keys, CRLF and a missing final newline
 * everywhere else are left byte-identical. New fragments are rendered by our own small emitter
 * (scalars through `renderScalar`, so they read back exactly under the dialect's YAML version)
 * and indented like their siblings.
 *
 * Usage:
 *   const plan = planEdit(parsed, { kind: 'set', path: ['params', 0, 'default'], value: 0.001, as: 'float' }, { version: '1.1' });
 *   const next = applyTextEdits(parsed.text, plan.edits);
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path } from '../../contracts/diagnostics';
import { applyTextEdits } from '../textEdits';
import { parseText } from '../parse';
import type { ParsedDocument } from '../../contracts/document';
import { kindOf, matches, targetOf, type ScalarType, type YamlVersion } from '../scalar';
import { Emitter, Flow, isBlockValue, isCollectionValue, Leaf, leafOf, Out } from './emit';
import { applyToPieces, editsFromPieces, type Piece } from './pieces';
import { EditError, finish, formatPath, type EditIntent, type EditPlan, type PlannedEdit } from './plan';
import { indentOf, isBlank, layoutOf, Text, type Layout } from './text';

// ---------------------------------------------------------------------------------------------
// Where a value lives

type Slot = { kind: 'root' } | { kind: 'pair'; map: YAMLMap; pair: Pair; index: number } | { kind: 'item'; seq: YAMLSeq; index: number };

interface Frame {
  node: Node | null;
  slot: Slot;
  /** The slot is inside a flow collection (so its value must be written in flow style). */
  flow: boolean;
  path: Path;
}

function keyName(pair: Pair): string | undefined {
  const k = pair.key;
  // A merge key `<<` (a symbol) is not a name a path can use.
  if (!isScalar(k) || typeof k.value === 'symbol') return undefined;
  // As toJS names it: a null key becomes "".
  return k.value === null ? '' : String(k.value);
}

function isNullScalar(n: unknown): boolean {
  return isScalar(n) && n.value === null;
}

function isBlockScalar(n: unknown): boolean {
  return isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED');
}

function isBlockCollection(n: unknown): n is YAMLMap | YAMLSeq {
  return (isMap(n) || isSeq(n)) && !n.flow;
}

function describe(n: Node): string {
  if (isScalar(n)) return `value (${JSON.stringify(n.value) ?? String(n.value)})`;
  return isMap(n) ? 'mapping' : isSeq(n) ? 'list' : 'alias';
}

// ---------------------------------------------------------------------------------------------

class Planner {
  readonly t: Text;
  readonly L: Layout;
  readonly emit: Emitter;
  /** A scalar written under an explicit tag (`!!str 5`): the tag decides its type, so check it. */
  tagged?: { tag: string; leaf: Leaf; path: Path };

  constructor(
    readonly parsed: ParsedDocument,
    readonly version: YamlVersion,
  ) {
    this.t = new Text(parsed.text);
    this.L = layoutOf(parsed);
    this.emit = new Emitter(version, this.L);
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
  private checkBraces(map: YAMLMap): void {
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

  // --- set -----------------------------------------------------------------------------------

  /** Write `v` (a Leaf, a collection) at `path`, creating what is missing. */
  write(path: Path, v: unknown): PlannedEdit[] {
    const { frames, depth } = this.resolve(path);
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
    return Math.max(this.slotCol(frame), 0) + this.L.unit;
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
      return at(this.contentEnd(frame.slot.pair.key), 0, ': ');
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
      this.emit.blockFloor = this.floorAt(t.afterLine(e));
      const flow = frame.flow || ((isMap(node) || isSeq(node)) && !!node.flow);
      this.emit.writeInline(out, v, { flow, indent: flow ? 0 : this.blockIndent(frame), style, trailingNewline: trailing });
      const space = empty && !/[ \t]/.test(t.s[s - 1] ?? ' ') ? ' ' : '';
      // `- # note`: the comment needs a space before it.
      return at(s, e - s, space, empty && t.s[e] === '#' ? ' ' : '');
    }
    // A block collection becomes an inline value: write it after the key/dash, drop its lines.
    const ce = this.contentEnd(node);
    this.emit.writeInline(out, v, { flow: false, indent: this.blockIndent(frame), style: 'PLAIN' });
    if (frame.slot.kind === 'root') return at(s, t.lineEndBefore(ce) - s, '');
    if (frame.slot.kind === 'item' && t.lineStart(s) === t.lineStart(this.dash(frame.slot.seq, frame.slot.index))) {
      return at(s, t.lineEndBefore(ce) - s, '');
    }
    const h = this.head(frame);
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
    if (slot.kind === 'item') return this.slotCol(frame) + 1 + this.gapOf(slot.seq);
    return this.slotCol(frame) + (Array.isArray(v) ? this.L.seqIndent : this.L.unit);
  }

  private edit(offset: number, length: number, out: Out, prefix = '', suffix = ''): PlannedEdit {
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
    const regionEnd = !node?.range ? t.length : isBlockCollection(node) ? t.lineEndBefore(this.contentEnd(node)) : node.range[1];
    this.emit.blockFloor = this.floorAt(t.linesEnd(regionEnd));
    // Written in place of an inline value, the fragment's last line gets that line's comment:
    // a block scalar there would take the comment as content.
    const inPlace = () => {
      if (!isBlank(t.s.slice(regionEnd, t.lineEnd(regionEnd)))) this.emit.blockFloor = Infinity;
    };

    if (frame.slot.kind === 'root') {
      const [s, e] = node!.range!;
      if (isBlockCollection(node)) return [this.edit(t.lineStart(s), t.lineEndBefore(this.contentEnd(node)) - t.lineStart(s), this.emit.fragment(v, 0, true))];
      // After `--- ` or a tag, a block collection starts on the next line.
      const own = t.isBlankBetween(t.lineStart(s), s) ? '' : eol;
      if (!isBlockScalar(node)) inPlace();
      return [this.edit(s, e - s, this.emit.fragment(v, 0, true), own, isBlockScalar(node) ? terminated(e) : '')];
    }

    const h = this.head(frame);
    const [s, e] = node?.range ?? [h, h];
    // `- name: x`: the collection starts on the dash line — unless the dash carries anchors or
    // tags, is followed by a tab, or an empty item has a comment (`- # none`).
    const compactItem =
      frame.slot.kind === 'item' &&
      h === this.dash(frame.slot.seq, frame.slot.index) + 1 &&
      (t.lineStart(s) !== t.lineStart(h) || /^ *$/.test(t.s.slice(h, s))) &&
      (s !== e || isBlank(t.s.slice(e, t.lineEnd(e))));
    if (compactItem) {
      if (isBlockCollection(node)) {
        const end = t.lineEndBefore(this.contentEnd(node));
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
      return [this.edit(s, t.lineEndBefore(this.contentEnd(node)) - s, this.emit.fragment(v, col, true))];
    }
    if (isBlockScalar(node)) return [this.edit(h, e - h, this.emit.fragment(v, col, true), eol, terminated(e))];
    // Drop an inline value with the space before it (`key: ~` → `key:`); an empty one has nothing.
    const drop: PlannedEdit = { offset: h, length: s === e ? 0 : e - h, insert: '' };
    return [drop, this.insertLines(t.afterLine(e), () => this.emit.fragment(v, col, true))];
  }

  /** Add `key: v` to a mapping: after its last entry, with the siblings' indentation. */
  addPair(frame: Frame, map: YAMLMap, key: string, v: unknown): PlannedEdit[] {
    const t = this.t;
    this.checkBraces(map);
    if (frame.flow || map.flow) {
      const out = new Out();
      out.s = `${this.emit.key(key, true)}: `;
      this.emit.writeInline(out, v, { flow: true, indent: 0 });
      return [this.flowAdd(map, map.items.length, out)];
    }
    const col = t.col(this.itemStart(map, 0));
    const n = map.items.length;
    const at = this.entryEnd(this.itemStart(map, n - 1), this.contentEnd(map.items[n - 1]));
    this.emit.blockFloor = this.floorAt(at);
    // A one-entry mapping at the siblings' column: its lines are exactly the new entry's.
    return [this.insertLines(at, () => this.emit.fragment(Object.fromEntries([[key, v]]), col, true))];
  }

  /** Separator between flow entries as the collection writes it (`, ` unless it shows another). */
  private flowSep(coll: YAMLMap | YAMLSeq): string {
    const n = coll.items.length;
    if (n >= 2) {
      const between = this.t.s.slice(this.contentEnd(coll.items[n - 2]), this.itemStart(coll, n - 1));
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
    if (i < n) return this.edit(this.itemStart(coll, i), 0, out, '', sep);
    return this.edit(this.contentEnd(coll.items[n - 1]), 0, out, sep);
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
    const dashCol = t.col(this.dash(seq, 0));
    const gap = this.gapOf(seq);
    const item = (indent: string) => {
      const out = new Out();
      out.s = `${indent}-${' '.repeat(gap)}`;
      this.emit.writeValue(out, v, dashCol + 1 + gap, dashCol + 1 + gap);
      return out;
    };
    // Before an item (and the comment lines that belong to it), at the `-` column: the old
    // item's indentation now indents the new one, and the old item gets the same again.
    if (index < n) {
      const b = this.blockStart(seq, index);
      this.emit.blockFloor = dashCol + 1;
      return [this.edit(b === t.lineStart(b) ? b + dashCol : b, 0, item(''), '', this.L.eol + ' '.repeat(dashCol))];
    }
    const at = this.entryEnd(this.dash(seq, n - 1), this.contentEnd(seq.items[n - 1]));
    this.emit.blockFloor = this.floorAt(at);
    return [this.insertLines(at, () => item(' '.repeat(dashCol)))];
  }

  insert(path: Path, index: number | undefined, value: unknown, flow = false): PlannedEdit[] {
    const v = flow && isCollectionValue(value) ? new Flow(value) : leafOf(value);
    const { frames, depth } = this.resolve(path);
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

  // --- delete --------------------------------------------------------------------------------

  private entry(path: Path, what: string): { frames: Frame[]; frame: Frame; coll: YAMLMap | YAMLSeq; index: number } {
    const { frames, depth } = this.resolve(path);
    if (depth < path.length) throw new EditError(`There is no ${formatPath(path)} to ${what}`);
    const frame = frames[depth];
    const { slot } = frame;
    if (slot.kind === 'root') throw new EditError(`The whole document is not an entry; there is nothing to ${what}`);
    if (slot.kind === 'pair') {
      this.checkBraces(slot.map);
      const name = keyName(slot.pair);
      if (slot.map.items.filter((p) => keyName(p) === name).length > 1) {
        throw new EditError(`The key "${name}" appears more than once at ${formatPath(path.slice(0, -1))} — remove the duplicate in the text first`);
      }
      return { frames, frame, coll: slot.map, index: slot.index };
    }
    return { frames, frame, coll: slot.seq, index: slot.index };
  }

  delete(path: Path): PlannedEdit[] {
    const t = this.t;
    const { frames, coll, index } = this.entry(path, 'delete');
    const n = coll.items.length;
    // The last entry: the collection becomes `{}`/`[]` (an empty block would read as null).
    if (n === 1) return this.replace(frames[frames.length - 2], isMap(coll) ? {} : []);
    const start = this.itemStart(coll, index);
    const ce = this.contentEnd(coll.items[index]);
    if (coll.flow) {
      // The element and one comma: the one after it, or before it for the last element.
      if (index < n - 1) return [{ offset: start, length: this.itemStart(coll, index + 1) - start, insert: '' }];
      const prevEnd = this.contentEnd(coll.items[index - 1]);
      return [{ offset: prevEnd, length: ce - prevEnd, insert: '' }];
    }
    const ls = t.lineStart(start);
    const end = this.entryEnd(start, ce);
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
    const next = this.itemStart(coll, 1);
    if (!/#/.test(t.s.slice(end, t.lineStart(next)))) return [{ offset: start, length: next - start, insert: '' }];
    const from = ls + t.s.slice(ls, start).replace(/[ \t]+$/, '').length;
    return [{ offset: from, length: t.lineEndBefore(ce) - from, insert: '' }];
  }

  // --- move ----------------------------------------------------------------------------------

  move(path: Path, to: number): PlannedEdit[] {
    const t = this.t;
    const { coll: seq, index: from } = this.entry(path, 'move');
    if (!isSeq(seq)) throw new EditError(`${formatPath(path)} is a mapping key, not a list item — only list items can be moved`);
    const n = seq.items.length;
    if (!Number.isInteger(to) || to < 0 || to >= n) throw new EditError(`Cannot move to [${to}]: the list has ${n} items`);
    if (from === to) return [];
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    const firstCompact = !seq.flow && !t.isBlankBetween(t.lineStart(this.dash(seq, 0)), this.dash(seq, 0));
    if (seq.flow || (firstCompact && lo === 0)) return this.rotate(seq, from, to, lo, hi);

    // Whole lines, verbatim, with the comment lines directly above the item.
    const { eol } = this.L;
    const bStart = this.blockStart(seq, from);
    const bEnd = this.entryEnd(this.dash(seq, from), this.contentEnd(seq.items[from]));
    let moved = t.s.slice(bStart, bEnd);
    let removeFrom = bStart;
    if (!moved.endsWith('\n')) {
      moved += eol;
      removeFrom = t.tailStart(bStart);
    }
    const remove: PlannedEdit = { offset: removeFrom, length: bEnd - removeFrom, insert: '' };
    if (to < from) return [{ offset: this.blockStart(seq, to), length: 0, insert: moved }, remove];
    const at = this.entryEnd(this.dash(seq, to), this.contentEnd(seq.items[to]));
    if (at === t.length && !t.endsWithNewline()) return [{ offset: at, length: 0, insert: eol + moved.slice(0, -eol.length) }, remove];
    return [{ offset: at, length: 0, insert: moved }, remove];
  }

  /** Move by exchanging the items' texts in place (flow lists, or a list whose first item shares a line). */
  private rotate(seq: YAMLSeq, from: number, to: number, lo: number, hi: number): PlannedEdit[] {
    const t = this.t;
    const spans: [number, number][] = [];
    for (let k = lo; k <= hi; k++) {
      const node = seq.items[k] as Node;
      const start = seq.flow ? this.itemStart(seq, k) : t.propsBefore(node.range![0]);
      spans.push([start, this.contentEnd(node)]);
    }
    const texts = spans.map(([a, b]) => t.s.slice(a, b));
    if (!seq.flow && texts.some((x) => x.includes('\n')) && new Set(spans.map((_s, i) => this.gapOfItem(seq, lo + i))).size > 1) {
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

  private gapOfItem(seq: YAMLSeq, i: number): number {
    return (seq.items[i] as Node).range![0] - this.dash(seq, i);
  }

  // --- rename --------------------------------------------------------------------------------

  renameKey(path: Path, to: string): PlannedEdit[] {
    const { frame } = this.entry(path, 'rename');
    const { slot } = frame;
    if (slot.kind !== 'pair') throw new EditError(`${formatPath(path)} is a list item, not a mapping key`);
    if (typeof to !== 'string') throw new EditError('A key must be a text');
    const key = slot.pair.key;
    const range = isScalar(key) ? key.range : undefined;
    // Plain implicit keys only: not empty, not a block scalar, not after `?` (itemStart then starts at the `?`).
    if (!isScalar(key) || !range || range[0] === range[1] || isBlockScalar(key) || this.itemStart(slot.map, slot.index) !== this.t.propsBefore(range[0])) {
      throw new EditError(`The key at ${formatPath(path)} is not a plain key — rename it in the text`);
    }
    const [s, e] = range;
    if (keyName(slot.pair) === to) return [{ offset: s, length: 0, insert: '', leaf: [0, e - s] }];
    if (slot.map.items.some((p) => p !== slot.pair && keyName(p) === to)) {
      throw new EditError(`There is already a key "${to}" at ${formatPath(path.slice(0, -1))}`);
    }
    const style = key.type === 'QUOTE_SINGLE' || key.type === 'QUOTE_DOUBLE' || key.type === 'PLAIN' ? key.type : undefined;
    const out = new Out();
    this.emit.writeInline(out, new Leaf(to, 'string'), { flow: frame.flow, indent: 0, style }, true);
    return [this.edit(s, e - s, out)];
  }
}


/**
 * Plan the smallest text edits for `intent`. Throws EditError when it cannot be applied (the
 * text has syntax errors, the path runs through a scalar or an alias, an index is out of range,
 * a new key would duplicate one, or the change would break an alias).
 */
export function planEdit(parsed: ParsedDocument, intent: EditIntent, opts: { version: YamlVersion }): EditPlan {
  if (!parsed.ok) throw new EditError('The text has errors; fix them in the editor before editing from the form');
  if (intent.kind === 'batch') return planBatch(parsed, intent.intents, opts);
  const p = new Planner(parsed, opts.version);
  let planned: PlannedEdit[];
  switch (intent.kind) {
    case 'set':
      planned = p.write(intent.path, leafOf(intent.value, intent.as, intent.literal));
      break;
    case 'delete':
      planned = p.delete(intent.path);
      break;
    case 'insert':
      planned = p.insert(intent.path, intent.index, intent.value, intent.flow);
      break;
    case 'move':
      planned = p.move(intent.path, intent.to);
      break;
    case 'renameKey':
      planned = p.renameKey(intent.path, intent.to);
      break;
    default:
      throw new EditError(`Unknown edit ${(intent as { kind: string }).kind}`);
  }
  const plan = finish(planned);
  if ((p.L.exotic || p.tagged) && plan.edits.length) {
    // E.g. an anchor moved after its alias, or deleted while still used.
    const after = parseText(applyTextEdits(parsed.text, plan.edits), { version: opts.version, duplicateKeys: 'warning' });
    if (p.tagged && after.ok) {
      const { tag, leaf, path } = p.tagged;
      const { frames, depth } = new Planner(after, opts.version).resolve(path);
      const node = frames[depth].node;
      const read = isScalar(node) && node.range ? { value: node.value, kind: kindOf(node, opts.version, after.text.slice(node.range[0], node.range[1])) } : undefined;
      if (depth < path.length || !read || !matches(read, targetOf(leaf.value, leaf.as))) {
        throw new EditError(`${formatPath(path)} carries the tag ${tag.replace('tag:yaml.org,2002:', '!!')}, which would read the new value as something else — remove the tag in the text first`);
      }
    }
    if (!after.ok) {
      const alias = /alias/i.test(after.diagnostics[0]?.message ?? '');
      throw new EditError(
        alias
          ? 'This change would leave an alias (*name) before or without its anchor (&name) — change the anchor or the alias in the text first'
          : 'This document uses YAML features the form cannot edit safely here — make this change in the text',
      );
    }
  }
  return plan;
}

/**
 * Plan intents one after another, each on the text the previous ones leave, and express the
 * result as edits on the ORIGINAL text: a piece table tracks which spans of the result are still
 * original text, and every gap between them becomes one edit. Untouched bytes stay untouched.
 */
function planBatch(parsed: ParsedDocument, intents: readonly EditIntent[], opts: { version: YamlVersion }): EditPlan {
  const original = parsed.text;
  let current = parsed;
  let pieces: Piece[] = [{ from: 0, to: original.length }];
  for (const intent of intents) {
    const plan = planEdit(current, intent, opts);
    if (!plan.edits.length) continue;
    pieces = applyToPieces(pieces, plan.edits);
    const text = applyTextEdits(current.text, plan.edits);
    current = parseText(text, { version: opts.version, duplicateKeys: 'warning' });
    if (!current.ok) throw new EditError('These changes together would leave text that does not parse — make them in the text');
  }
  return { edits: editsFromPieces(pieces, original.length) };
}

