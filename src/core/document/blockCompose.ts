/**
 * The yaml library's Composer, for the tokens `blockTokens` gives of a plain block-style config:
 * the Document — nodes, ranges, comments, blank-line marks, values — built straight from them,
 * as the Composer builds it, without its generator and its general machinery.
 *
 * Why: after the quick reader, composing was the largest part of an `analyze` of a 50,000-line
 * file in Node (about 130 ms and much of the garbage collection's share, of about 410).
 *
 * It composes everything the reader reads — block mappings and sequences; plain, quoted and
 * block scalars; one-line flow collections of scalars; comments and blank lines anywhere —
 * except every shape the Composer reports as an error (an invalid escape among them): for those
 * it answers `undefined` and the caller uses the library's Composer on the same tokens. The
 * tests compare its Documents with the library's on every config we have and on generated and
 * randomly edited documents.
 *
 * Each function below (and in blockResolve.ts, its token-level steps) names the Composer function
 * whose behaviour it reproduces for this subset. `BlockComposition` composes a document's
 * top-level items while the reader still reads (see `blockTokens`' `settle`).
 *
 * Usage: `const doc = composeBlock(tokens, options) ?? [...new Composer(options).compose(tokens)][0]`.
 */
import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type CST, type DocumentOptions, type Node, type ParseOptions, type ScalarTag, type Schema, type SchemaOptions } from 'yaml';
import { UNSUPPORTED, unsupported, type Settle } from './cstBuilder';
import { blockText, emptyPosition, placePrelude, props, trailing, unescape, type Props } from './blockResolve';

type SourceToken = CST.SourceToken;
type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The classes nodes are made of: the library's own, or subclasses that keep their range
 * differently (keptNodes.ts), which the IncrementalParser would otherwise copy every node into.
 */
export interface NodeClasses {
  Scalar: new (value: unknown) => Scalar;
  YAMLMap: new (schema?: Schema) => YAMLMap;
  YAMLSeq: new (schema?: Schema) => YAMLSeq;
}

const LIBRARY_NODES: NodeClasses = { Scalar, YAMLMap, YAMLSeq };

/** The Document the library's Composer makes of `tokens`, or undefined outside the subset. */
export function composeBlock(tokens: readonly CST.Token[], options: Options): Document.Parsed | undefined {
  return new BlockComposition(options).document(tokens);
}

/**
 * composeBlock for tokens handed over while the text is read: `blockTokens(text, c.settle)`
 * gives it each item of the document's top collection as soon as that item is final, and it is
 * composed then; `c.document(tokens)` composes the rest. Why: read first and composed after, a
 * 50,000-line file's tokens (about 30 MB) all lived until the end, and the collector copied
 * them from young to old space; composed item by item, they die young. `document` answers
 * undefined outside the subset, also when an item handed over was (the tokens returned by
 * `blockTokens` then lack the items handed over, so the caller reads the text again).
 */
export class BlockComposition {
  private readonly composer: BlockComposer;
  private failed = false;

  constructor(options: Options, nodes: NodeClasses = LIBRARY_NODES) {
    this.composer = new BlockComposer(options, nodes);
  }

  readonly settle: Settle = (collection, index, offset) => {
    if (this.failed) return;
    try {
      this.composer.settle(collection, index, offset);
    } catch (e) {
      if (e !== UNSUPPORTED) throw e;
      this.failed = true;
    }
  };

  document(tokens: readonly CST.Token[]): Document.Parsed | undefined {
    if (this.failed) return undefined;
    try {
      return this.composer.document(tokens);
    } catch (e) {
      if (e === UNSUPPORTED) return undefined;
      throw e;
    }
  }
}

/** A block collection being composed: its node, the running offset, where its trailing comments end, and how many items are in. */
interface Progress<T extends YAMLMap | YAMLSeq> {
  node: T;
  offset: number;
  commentEnd: number | null;
  done: number;
}

/** A plain scalar cannot start with these (the Composer reports it). */
const BAD_PLAIN_START = /^[,%|>@`]/;

class BlockComposer {
  private doc: Document.Parsed | undefined;
  private schema!: Document.Parsed['schema'];
  /** The schema's tags that resolve a plain scalar by its text, in the schema's order: for values, and for keys. */
  private valueTags: ScalarTag[] = [];
  private keyTags: ScalarTag[] = [];
  /** The document's top collection, when its items were handed over as they were read. */
  private top: { collection: CST.BlockMap | CST.BlockSequence; progress: Progress<YAMLMap> | Progress<YAMLSeq> } | undefined;

  constructor(
    private readonly options: Options,
    private readonly nodes: NodeClasses,
  ) {}

  /** The Document, its schema and the tags, made once. */
  private begin(): Document.Parsed {
    if (this.doc) return this.doc;
    const doc = new Document(undefined, this.options) as Document.Parsed;
    if (doc.schema.compat) unsupported();
    this.schema = doc.schema;
    const tags = doc.schema.tags as ScalarTag[];
    this.valueTags = tags.filter((t) => t.default === true && t.test);
    this.keyTags = tags.filter((t) => (t.default === true || t.default === 'key') && t.test);
    return (this.doc = doc);
  }

  /** The top collection's item at `index`, final: composed now, in order. `offset`: where the collection starts. */
  settle(collection: CST.BlockMap | CST.BlockSequence, index: number, offset: number): void {
    this.begin();
    if (!this.top) {
      const node = collection.type === 'block-map' ? new this.nodes.YAMLMap(this.schema) : new this.nodes.YAMLSeq(this.schema);
      this.top = { collection, progress: { node, offset, commentEnd: null, done: 0 } as Progress<YAMLMap> | Progress<YAMLSeq> };
    }
    const { progress } = this.top;
    if (this.top.collection !== collection || progress.done !== index) unsupported();
    if (collection.type === 'block-map') this.mapItem(collection, progress as Progress<YAMLMap>, collection.items[index]);
    else this.seqItem(progress as Progress<YAMLSeq>, collection.items[index]);
    progress.done++;
  }

  /** How far `token` was composed: the top collection's progress if its items were handed over, else nothing yet. */
  private progress<T extends YAMLMap | YAMLSeq>(token: CST.BlockMap | CST.BlockSequence, node: () => T): Progress<T> {
    if (this.top?.collection === token) return this.top.progress as Progress<T>;
    return { node: node(), offset: token.offset, commentEnd: null, done: 0 };
  }

  /** composeDoc and the Composer's stream handling, for one document. */
  document(tokens: readonly CST.Token[]): Document.Parsed {
    const prelude: string[] = [];
    let token: CST.Document | undefined;
    for (const t of tokens) {
      if (t.type === 'document' && !token) token = t;
      else if (!token && (t.type === 'comment' || t.type === 'newline')) prelude.push(t.source);
      else if (t.type !== 'space') unsupported();
    }
    if (!token?.value) unsupported();
    const doc = this.begin();
    const p = props(token.start, 'doc-start', token.offset, true);
    if (p.found) {
      doc.directives.docStart = true;
      if (!p.hasNewline) unsupported();
    }
    const contents = this.node(token.value, p, false);
    doc.contents = contents as Document.Parsed['contents'];
    const contentEnd = contents.range![2];
    const end = trailing(token.end, contentEnd, false);
    if (end.comment) doc.comment = end.comment;
    doc.range = [token.offset, contentEnd, end.offset];
    placePrelude(doc, prelude);
    return doc;
  }

  /** composeNode. */
  private node(token: CST.Token, p: Props, atKey: boolean): Node {
    let node: Node;
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        node = this.scalar(token, atKey);
        break;
      case 'block-scalar':
        node = this.blockScalar(token);
        break;
      case 'block-map':
        node = this.map(token);
        break;
      case 'block-seq':
        node = this.seq(token);
        break;
      case 'flow-collection':
        node = this.flow(token);
        break;
      default:
        return unsupported();
    }
    if (p.spaceBefore) node.spaceBefore = true;
    if (p.comment) {
      if (token.type === 'scalar' && token.source === '') node.comment = p.comment;
      else node.commentBefore = p.comment;
    }
    return node;
  }

  /** composeEmptyNode: the null a key without a value (or a bare `-`) holds. */
  private empty(offset: number, before: readonly SourceToken[], p: Props): Node {
    const node = this.scalar({ type: 'scalar', offset: emptyPosition(offset, before), indent: -1, source: '' }, false);
    if (p.spaceBefore) node.spaceBefore = true;
    if (p.comment) {
      node.comment = p.comment;
      // A new range, not a write into it: a kept node's `range` is a copy of its numbers.
      const [start, valueEnd] = node.range!;
      node.range = [start, valueEnd, p.end];
    }
    return node;
  }

  /** composeScalar with resolveFlowScalar, for one-line plain and quoted scalars. */
  private scalar(token: CST.FlowScalar, atKey: boolean): Scalar {
    const { offset, source } = token;
    if (source.includes('\n')) unsupported();
    let value: string;
    let type: Scalar.Type;
    let tag: ScalarTag | undefined;
    if (token.type === 'scalar') {
      if (BAD_PLAIN_START.test(source)) unsupported();
      value = source;
      type = Scalar.PLAIN;
      const candidates = atKey ? this.keyTags : this.valueTags;
      for (let i = 0; i < candidates.length; i++) {
        if (candidates[i].test!.test(value)) {
          tag = candidates[i];
          break;
        }
      }
    } else if (token.type === 'single-quoted-scalar') {
      value = source.slice(1, -1).replace(/''/g, "'");
      type = Scalar.QUOTE_SINGLE;
    } else {
      value = unescape(source.slice(1, -1));
      type = Scalar.QUOTE_DOUBLE;
    }
    const valueEnd = offset + source.length;
    const end = trailing(token.end, valueEnd, this.options.strict ?? true);
    let scalar: Scalar;
    if (tag) {
      const res: unknown = tag.resolve(value, unsupported, this.options);
      scalar = isScalar(res) ? res : new this.nodes.Scalar(res);
    } else scalar = new this.nodes.Scalar(value);
    scalar.range = [offset, valueEnd, end.offset];
    scalar.source = value;
    scalar.type = type;
    if (tag?.format) scalar.format = tag.format;
    if (end.comment) scalar.comment = end.comment;
    return scalar;
  }

  /** composeScalar with resolveBlockScalar, for a `|` or `>` header without an indentation digit. */
  private blockScalar(token: CST.BlockScalar): Scalar {
    const [header, ...rest] = token.props as SourceToken[];
    if (header?.type !== 'block-scalar-header') unsupported();
    let chomp = '';
    for (const ch of header.source.slice(1)) {
      if (chomp || (ch !== '-' && ch !== '+')) unsupported(); // a digit, or a second indicator
      chomp = ch;
    }
    let length = header.source.length;
    let comment = '';
    let hasSpace = false;
    for (const t of rest) {
      if (t.type === 'comment') {
        if (!hasSpace && (this.options.strict ?? true)) unsupported();
        comment = t.source.substring(1);
      } else if (t.type === 'space') hasSpace = true;
      else if (t.type !== 'newline') unsupported();
      length += t.source.length;
    }
    const folded = header.source[0] === '>';
    const end = token.offset + length + token.source.length;
    const scalar = new this.nodes.Scalar(blockText(token.source, token.indent, folded, chomp));
    scalar.range = [token.offset, end, end];
    scalar.source = scalar.value as string;
    scalar.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    if (comment) scalar.comment = comment;
    return scalar;
  }

  /** resolveFlowCollection, for one-line flow sequences and mappings of scalars. */
  private flow(fc: CST.FlowCollection): YAMLMap | YAMLSeq {
    const isMap = fc.start.source === '{';
    const coll = isMap ? new this.nodes.YAMLMap(this.schema) : new this.nodes.YAMLSeq(this.schema);
    coll.flow = true;
    const none: Props = { found: null, spaceBefore: false, comment: '', hasNewline: false, end: 0 };
    // The collection's range comes from its brackets, so unlike the Composer no running offset is kept.
    fc.items.forEach(({ start, key, sep, value }, i) => {
      // Before an item: a comma (none before the first), and spaces.
      let comma = false;
      for (const t of start) {
        if (t.type === 'comma' && !comma && i > 0) comma = true;
        else if (t.type !== 'space') unsupported();
      }
      if (!key && !sep && !value) {
        // Only a trailing comma may stand alone.
        if (i < fc.items.length - 1) unsupported();
        return;
      }
      if (i > 0 && !comma) unsupported();
      if (!isMap) {
        if (sep || !value) unsupported();
        (coll as YAMLSeq).items.push(this.node(value, none, false));
        return;
      }
      if (!key || !sep) unsupported();
      const keyNode = this.node(key, none, true);
      const valueProps = props(sep, 'map-value-ind', keyNode.range![2], false);
      if (!valueProps.found) unsupported();
      const valueNode = value ? this.node(value, valueProps, false) : this.empty(valueProps.end, sep, valueProps);
      (coll as YAMLMap).items.push(new Pair(keyNode, valueNode));
    });
    const [close, ...after] = fc.end as SourceToken[];
    if (close?.source !== (isMap ? '}' : ']')) unsupported();
    const closeEnd = close.offset + 1;
    const end = trailing(after, closeEnd, this.options.strict ?? true);
    if (end.comment) coll.comment = end.comment;
    coll.range = [fc.offset, closeEnd, after.length > 0 ? end.offset : closeEnd];
    return coll;
  }

  /** resolveBlockMap. */
  private map(bm: CST.BlockMap): YAMLMap {
    const progress = this.progress(bm, () => new this.nodes.YAMLMap(this.schema));
    for (; progress.done < bm.items.length; progress.done++) this.mapItem(bm, progress, bm.items[progress.done]);
    const { node: map, offset, commentEnd } = progress;
    if (commentEnd && commentEnd < offset) unsupported();
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
  }

  /** One item of resolveBlockMap's loop. */
  private mapItem(bm: CST.BlockMap, progress: Progress<YAMLMap>, { start, key, sep, value }: CST.BlockMap['items'][number]): void {
    const map = progress.node;
    const keyProps = props(start, 'explicit-key-ind', progress.offset, true);
    if (key && (key.type === 'block-seq' || ('indent' in key && key.indent !== bm.indent))) unsupported();
    if (!sep) {
      // Comments after the last item: the mapping's own.
      progress.commentEnd = keyProps.end;
      if (keyProps.comment) map.comment = map.comment ? `${map.comment}\n${keyProps.comment}` : keyProps.comment;
      return;
    }
    if (!key) unsupported();
    const keyNode = this.node(key, keyProps, true);
    const valueProps = props(sep, 'map-value-ind', keyNode.range![2], false);
    progress.offset = valueProps.end;
    if (!valueProps.found) unsupported(); // a key without `:`
    if (value?.type === 'block-map' && !valueProps.hasNewline) unsupported();
    if (keyProps.end < valueProps.found.offset - 1024) unsupported();
    const valueNode = value ? this.node(value, valueProps, false) : this.empty(progress.offset, sep, valueProps);
    progress.offset = valueNode.range![2];
    map.items.push(new Pair(keyNode, valueNode));
  }

  /** resolveBlockSeq. */
  private seq(bs: CST.BlockSequence): YAMLSeq {
    const progress = this.progress(bs, () => new this.nodes.YAMLSeq(this.schema));
    for (; progress.done < bs.items.length; progress.done++) this.seqItem(progress, bs.items[progress.done]);
    const { node: seq, offset, commentEnd } = progress;
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
  }

  /** One item of resolveBlockSeq's loop. */
  private seqItem(progress: Progress<YAMLSeq>, { start, value }: CST.BlockSequence['items'][number]): void {
    const p = props(start, 'seq-item-ind', progress.offset, true);
    if (!p.found) {
      if (value) unsupported();
      progress.commentEnd = p.end;
      if (p.comment) progress.node.comment = p.comment;
      return;
    }
    const node = value ? this.node(value, p, false) : this.empty(p.end, start, p);
    progress.offset = node.range![2];
    progress.node.items.push(node);
  }
}
