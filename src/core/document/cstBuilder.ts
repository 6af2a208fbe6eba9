/**
 * The yaml library's concrete syntax tree (CST) built from tokens one at a time, grouped the way
 * its Parser groups them: which item a comment or blank line belongs to, when a scalar followed
 * by `:` becomes the first key of a mapping, when trailing comments move out to the enclosing
 * collection. Only the tokens of the block subset `blockTokens` reads are taken; any other turn
 * throws `UNSUPPORTED`, and `blockTokens` then leaves the text to the Parser.
 *
 * Usage: `const b = new CstBuilder(); b.openDocument(0); b.emit('scalar', 0, 'key'); ...; b.finish()`.
 * With `new CstBuilder(settle)`, each item of the document's top collection is handed to `settle`
 * as soon as nothing read later can change it, and left out of the tree (see `settleTop`).
 */
import type { CST } from 'yaml';

export type SourceToken = CST.SourceToken;
export type TokenType = SourceToken['type'] | CST.FlowScalar['type'];
type Item = { start: SourceToken[]; key?: CST.Token | null; sep?: SourceToken[]; value?: CST.Token };
/** The document's top collection, the index of its item that is now final, and where the collection starts in the text. */
export type Settle = (collection: CST.BlockMap | CST.BlockSequence, index: number, offset: number) => void;
type Open = CST.Document | CST.BlockMap | CST.BlockSequence | CST.FlowScalar | CST.BlockScalar | CST.FlowCollection;

/** Thrown when the text leaves the subset; `blockTokens` catches it and answers undefined. */
export const UNSUPPORTED = Symbol('outside the block subset');
export function unsupported(): never {
  throw UNSUPPORTED;
}

function isTrivia(type: string): boolean {
  return type === 'space' || type === 'comment' || type === 'newline';
}

function holds(list: SourceToken[], type: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].type === type) return true;
  return false;
}

function lastItem<T>(items: T[]): T {
  return items[items.length - 1];
}

/** What stands in the tree for an item handed to `settle`. */
const HANDED_ON: Item = Object.freeze({ start: Object.freeze([]) as unknown as SourceToken[] });

export class CstBuilder {
  private readonly out: CST.Token[] = [];
  private readonly stack: Open[] = [];
  /** The Parser's idea of the current indentation: spaces and indicators at the start of the line. */
  private indent = 0;
  private atNewLine = true;
  /** On the line of a mapping key (a value there is not the next key). */
  private onKeyLine = false;
  /** The top collection whose items go to `settle`, and how many have gone. */
  private top: CST.BlockMap | CST.BlockSequence | undefined;
  private settled = 0;

  constructor(private readonly settle?: Settle) {}

  /** The document starts here (before it, comments and blank lines stand alone in the stream). */
  openDocument(offset: number): void {
    this.stack.push({ type: 'document', offset, start: [] });
  }

  /** Every open node completed: the stream's tokens, the document last. */
  finish(): CST.Token[] {
    while (this.stack.length > 0) this.pop();
    return this.out;
  }

  /** The next token of the text, with the Parser's indentation at this point. */
  emit(type: TokenType, offset: number, source: string): void {
    const token: SourceToken = { type: type as SourceToken['type'], offset, indent: this.indent, source };
    this.step(token);
    if (this.settle) this.settleTop(this.settle);
    switch (type) {
      case 'newline':
        this.atNewLine = true;
        this.indent = 0;
        break;
      case 'space':
      case 'seq-item-ind':
      case 'map-value-ind':
        // Spaces and indicators at the start of a line count as indentation.
        if (this.atNewLine) this.indent += source.length;
        break;
      default:
        this.atNewLine = false;
    }
  }

  /**
   * The items of the document's top collection that are final, handed on and dropped from the
   * tree, so that a big file's tokens do not all live until the end (composed item by item,
   * they are garbage while still young). Only a collection's last two items ever change: tokens
   * join the last, and a comment indented past the collection after a trivia-only last item
   * moves to the end of the one before it. Every item before those two is final.
   */
  private settleTop(settle: Settle): void {
    const top = this.stack[1];
    if (top?.type !== 'block-map' && top?.type !== 'block-seq') return;
    if (top !== this.top) {
      if (this.settled > 0) unsupported(); // the document has one top collection
      this.top = top;
    }
    const items = top.items as Item[];
    while (this.settled < items.length - 2) {
      settle(top, this.settled, top.offset);
      items[this.settled++] = HANDED_ON;
    }
  }

  private step(token: SourceToken): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      // Before the document: comments and blank lines stand alone in the stream.
      if (!isTrivia(token.type)) unsupported();
      this.out.push(token);
      return;
    }
    switch (top.type) {
      case 'document':
        return this.inDocument(top, token);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.afterScalar(top as CST.FlowScalar, token);
      case 'block-scalar':
        if (!isTrivia(token.type)) unsupported();
        top.props.push(token);
        return;
      case 'block-map':
        return this.inMap(top, token);
      case 'block-seq':
        return this.inSequence(top, token);
      case 'flow-collection':
        return this.inFlow(top, token);
    }
  }

  private inFlow(fc: CST.FlowCollection, token: SourceToken): void {
    const type = token.type as TokenType;
    if (fc.end.length > 0) {
      // Closed: what trails it on its line, up to the line break that completes it.
      if (!isTrivia(type)) unsupported();
      fc.end.push(token);
      if (type === 'newline') {
        this.onKeyLine = false;
        this.pop();
      }
      return;
    }
    const items = fc.items as Item[];
    const it = items[items.length - 1] as Item | undefined;
    switch (type) {
      case 'comma':
        if (!it || it.sep) items.push({ start: [token] });
        else it.start.push(token);
        return;
      case 'map-value-ind':
        if (!it || it.value || !it.sep) unsupported();
        it.sep.push(token);
        return;
      case 'space':
        if (!it || it.value) items.push({ start: [token] });
        else if (it.sep) it.sep.push(token);
        else it.start.push(token);
        return;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        if (!it || it.value) items.push({ start: [], key: token as unknown as CST.FlowScalar, sep: [] });
        else if (it.sep) this.stack.push(token as unknown as CST.FlowScalar);
        else Object.assign(it, { key: token, sep: [] });
        return;
      case 'flow-map-end':
      case 'flow-seq-end':
        fc.end.push(token);
        return;
    }
    unsupported();
  }

  /** In a flow sequence, a lone scalar is an item's value, not a key; what followed it becomes its end. */
  private seqItemsAsValues(fc: CST.FlowCollection): void {
    if (fc.start.type !== 'flow-seq-start') return;
    for (const it of fc.items as Item[]) {
      if (!it.sep || it.value || holds(it.sep, 'map-value-ind')) continue;
      if (it.key) {
        it.value = it.key;
        const scalar = it.value as CST.FlowScalar;
        if (scalar.end) scalar.end.push(...it.sep);
        else scalar.end = it.sep;
      } else it.start.push(...it.sep);
      delete it.key;
      delete it.sep;
    }
  }

  /** The text of the block scalar on top: it is complete, and the next line starts afresh. */
  blockScalarText(source: string): void {
    (this.stack[this.stack.length - 1] as CST.BlockScalar).source = source;
    this.atNewLine = true;
    this.indent = 0;
    this.pop();
  }

  private inDocument(doc: CST.Document, token: SourceToken): void {
    if (doc.value) unsupported(); // content after the top collection ended: an error
    if (isTrivia(token.type) || token.type === 'doc-start') doc.start.push(token);
    else this.stack.push(this.startValue(token));
  }

  /** A value starting with `token`: a scalar, a block scalar or a sequence. */
  private startValue(token: SourceToken): Open {
    switch (token.type as TokenType) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return token as unknown as CST.FlowScalar;
      case 'block-scalar-header':
        return { type: 'block-scalar', offset: token.offset, indent: token.indent, props: [token], source: '' };
      case 'seq-item-ind':
        return { type: 'block-seq', offset: token.offset, indent: token.indent, items: [{ start: [token] }] };
      case 'flow-map-start':
      case 'flow-seq-start':
        return { type: 'flow-collection', offset: token.offset, indent: token.indent, start: token, items: [], end: [] };
    }
    return unsupported();
  }

  /** A scalar on top gathers what trails it on its line; a `:` makes it the first key of a new mapping. */
  private afterScalar(scalar: CST.FlowScalar, token: SourceToken): void {
    if (token.type === 'map-value-ind') {
      if (scalar.end) unsupported();
      const start = this.firstKeyStart(this.stack[this.stack.length - 2]);
      const map: CST.BlockMap = { type: 'block-map', offset: scalar.offset, indent: scalar.indent, items: [{ start, key: scalar, sep: [token] }] };
      this.onKeyLine = true;
      this.stack[this.stack.length - 1] = map;
      return;
    }
    if (token.type === 'comma' || token.type === 'flow-map-end' || token.type === 'flow-seq-end') {
      // A value inside a flow mapping ends at the comma or the closing brace.
      this.pop();
      this.step(token);
      return;
    }
    if (token.type === 'newline') this.onKeyLine = false;
    if (scalar.end) scalar.end.push(token);
    else scalar.end = [token];
    if (token.type === 'newline') this.pop();
  }

  /**
   * What moves from the parent's last props to a new mapping's first item: whatever follows the
   * last line break or indicator, past spaces. In this subset that is always nothing, but the
   * tokens are cut the same way.
   */
  private firstKeyStart(parent: Open): SourceToken[] {
    let prev: SourceToken[];
    if (parent.type === 'document') prev = parent.start;
    else if (parent.type === 'block-map') {
      const it = lastItem(parent.items) as Item;
      prev = it.sep ?? it.start;
    } else if (parent.type === 'block-seq') prev = lastItem(parent.items).start;
    else return unsupported();
    let i = prev.length;
    while (--i >= 0) {
      const type = prev[i].type;
      if (type === 'map-value-ind' || type === 'seq-item-ind' || type === 'newline') break;
    }
    while (prev[++i]?.type === 'space');
    return prev.splice(i, prev.length);
  }

  /** Comments and line breaks in a collection: they go to its last item's props or its value's end, or open an item of their own. */
  private trivia(items: Item[], token: SourceToken, indent: number): void {
    const it = lastItem(items);
    if (it.value) {
      const end = 'end' in it.value ? (it.value.end as SourceToken[] | undefined) : undefined;
      if (token.type === 'newline' && end && lastItem(end)?.type === 'comment') end.push(token);
      else items.push({ start: [token] });
    } else if (it.sep) {
      it.sep.push(token);
    } else {
      // A comment indented past the collection, after only blank space, belongs to the previous value's end.
      if (token.type === 'comment' && token.indent > indent && it.start.every((st) => st.type === 'newline' || st.type === 'space')) {
        const end = items[items.length - 2]?.value as { end?: SourceToken[] } | undefined;
        if (Array.isArray(end?.end)) {
          end.end.push(...it.start, token);
          items.pop();
          return;
        }
      }
      it.start.push(token);
    }
  }

  private inMap(map: CST.BlockMap, token: SourceToken): void {
    const items = map.items as Item[];
    const it = lastItem(items);
    const type = token.type as TokenType;
    if (type === 'newline') this.onKeyLine = false;
    if (isTrivia(type)) {
      // In a mapping only a line break goes on to its value's end comment; a space or comment after a value opens an item.
      if (type !== 'newline' && it.value) items.push({ start: [token] });
      else this.trivia(items, token, map.indent);
      return;
    }
    if (token.indent >= map.indent) {
      const atMapIndent = !this.onKeyLine && token.indent === map.indent;
      const atNextItem = atMapIndent && it.sep !== undefined && type !== 'seq-item-ind';
      let start: SourceToken[] = [];
      if (atNextItem && it.sep && !it.value) start = this.splitEmptyValue(it.sep, map.indent);
      switch (type) {
        case 'map-value-ind':
          if (!it.sep || it.value || atNextItem || holds(it.sep, 'map-value-ind')) unsupported();
          it.sep.push(token);
          this.onKeyLine = true;
          return;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
          if (atNextItem || it.value) {
            items.push({ start, key: token as unknown as CST.FlowScalar, sep: [] });
            this.onKeyLine = true;
          } else if (it.sep) {
            this.stack.push(token as unknown as CST.FlowScalar);
          } else {
            Object.assign(it, { key: token, sep: [] });
            this.onKeyLine = true;
          }
          return;
        default: {
          const value = this.startValue(token);
          if (value.type === 'block-seq') {
            if (it.sep && !holds(it.sep, 'newline')) unsupported(); // a sequence on the key's line
          } else if (atMapIndent) {
            items.push({ start });
          }
          this.stack.push(value);
          return;
        }
      }
    }
    this.pop();
    this.step(token);
  }

  /**
   * A key without a value followed by the next key: when the key's props hold two line breaks,
   * what follows the second starts the next item.
   */
  private splitEmptyValue(sep: SourceToken[], indent: number): SourceToken[] {
    const breaks: number[] = [];
    for (let i = 0; i < sep.length; i++) {
      const st = sep[i];
      if (st.type === 'newline') breaks.push(i);
      else if (st.type === 'comment' ? st.indent > indent : st.type !== 'space') breaks.length = 0;
    }
    return breaks.length >= 2 ? sep.splice(breaks[1]) : [];
  }

  private inSequence(seq: CST.BlockSequence, token: SourceToken): void {
    const items = seq.items as Item[];
    const it = lastItem(items);
    const type = token.type as TokenType;
    if (isTrivia(type)) {
      if (type !== 'newline' && it.value) items.push({ start: [token] });
      else this.trivia(items, token, seq.indent);
      return;
    }
    if (type === 'seq-item-ind' && token.indent === seq.indent) {
      if (it.value || holds(it.start, 'seq-item-ind')) items.push({ start: [token] });
      else it.start.push(token);
      return;
    }
    if (token.indent > seq.indent) {
      this.stack.push(this.startValue(token));
      return;
    }
    this.pop();
    this.step(token);
  }

  /** The node on top is complete: it becomes its parent's value. */
  private pop(): void {
    const token = this.stack.pop() as Open;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.out.push(token as CST.Token);
      return;
    }
    if (token.type === 'block-scalar') token.indent = 'indent' in top ? top.indent : 0;
    if (token.type === 'flow-collection') this.seqItemsAsValues(token);
    if (top.type === 'flow-collection') {
      // A pair's value inside a flow mapping.
      const it = lastItem(top.items) as Item | undefined;
      if (!it || it.value || !it.sep) unsupported();
      it.value = token as CST.Token;
      return;
    }
    if (top.type === 'document') top.value = token as CST.Token;
    else if (top.type === 'block-map') {
      const it = lastItem(top.items) as Item;
      if (it.value || !it.sep) unsupported(); // a node that would become a key
      it.value = token as CST.Token;
    } else if (top.type === 'block-seq') {
      const it = lastItem(top.items) as Item;
      if (it.value) top.items.push({ start: [], value: token as CST.Token });
      else it.value = token as CST.Token;
    } else unsupported();
    // Comments and blank lines after a collection's last item move out to its parent unless a
    // comment is indented as deep as the collection (it then stays, as the collection's own).
    if (token.type === 'block-map' || token.type === 'block-seq') {
      const last = lastItem(token.items as Item[]);
      if (
        last &&
        !last.sep &&
        !last.value &&
        last.start.length > 0 &&
        last.start.every((st) => isTrivia(st.type)) &&
        (token.indent === 0 || last.start.every((st) => st.type !== 'comment' || st.indent < token.indent))
      ) {
        if (top.type === 'document') top.end = last.start;
        else (top.items as Item[]).push({ start: last.start });
        token.items.splice(-1, 1);
      }
    }
  }
}
