/**
 * The nodes of the entries IncrementalParser keeps, in less memory. A node's `range` is an array
 * of three numbers of its own: 36 bytes beside a 32-byte scalar, and a 50,000-line file has
 * 118,750 of them. A kept node holds the three numbers itself; its `range` reads them as a new
 * array each time (and setting it stores the numbers), so every reader of `node.range` sees what
 * it saw before — only writing into the array a reader got no longer moves the node: `moveNode`
 * does that.
 *
 * Only nodes of the library's plain classes are made kept nodes (a `!!omap`, `!!set` or any other
 * tagged collection class stays as it is, with its range array).
 *
 * Usage: `root = keepNode(root, schema, strings)`; `moveNode(node, delta)` for what rangedNodes gives.
 */
import { isCollection, isPair, isScalar, Scalar, YAMLMap, YAMLSeq, type Schema } from 'yaml';
import type { StringPool } from './stringPool';
import type { NodeClasses } from './blockCompose';

const START = Symbol('start');
const VALUE_END = Symbol('valueEnd');
const END = Symbol('end');

interface Packed {
  [START]: number;
  [VALUE_END]: number;
  [END]: number;
}

class KeptScalar extends Scalar {
  [START] = -1;
  [VALUE_END] = 0;
  [END] = 0;
}

class KeptMap extends YAMLMap {
  [START] = -1;
  [VALUE_END] = 0;
  [END] = 0;
}

class KeptSeq extends YAMLSeq {
  [START] = -1;
  [VALUE_END] = 0;
  [END] = 0;
}

for (const kept of [KeptScalar, KeptMap, KeptSeq]) {
  Object.defineProperty(kept.prototype, 'range', {
    configurable: true,
    enumerable: true,
    get(this: Packed): [number, number, number] | undefined {
      return this[START] < 0 ? undefined : [this[START], this[VALUE_END], this[END]];
    },
    set(this: Packed, range: readonly number[] | null | undefined) {
      this[START] = range ? range[0] : -1;
      this[VALUE_END] = range ? range[1] : 0;
      this[END] = range ? range[2] : 0;
    },
  });
}

/** For the composer (parseText's `nodes`): an entry's nodes made kept nodes as they are read, not copied after. */
export const keptNodeClasses: NodeClasses = { Scalar: KeptScalar, YAMLMap: KeptMap, YAMLSeq: KeptSeq };

/**
 * `node` (a Pair, a plain Scalar, YAMLMap or YAMLSeq, or anything else) with its nodes made kept
 * nodes, their collections referring to `schema` and their lists of items of exactly their length
 * (the reader grows them by push, which leaves room for 17), their strings (values, sources,
 * comments) the pool's copies.
 * Pairs and other nodes are changed in place; a node of a plain class is replaced.
 */
export function keepNode(node: unknown, schema: Schema, strings: StringPool): unknown {
  if (isPair(node)) {
    node.key = keepNode(node.key, schema, strings);
    node.value = keepNode(node.value, schema, strings);
    return node;
  }
  if (isScalar(node)) {
    const kept = node.constructor === Scalar ? Object.assign(new KeptScalar(node.value), node) : node;
    if (typeof kept.source === 'string') kept.source = strings.string(kept.source);
    if (typeof kept.value === 'string') kept.value = strings.string(kept.value);
    return keepComments(kept, strings);
  }
  if (isCollection(node)) {
    const kept = node.constructor === YAMLMap ? new KeptMap(schema) : node.constructor === YAMLSeq ? new KeptSeq(schema) : node;
    const items = node.items.map((item) => keepNode(item, schema, strings));
    if (kept !== node) Object.assign(kept, node);
    kept.schema = schema;
    kept.items = items as typeof kept.items;
    return keepComments(kept, strings);
  }
  return node;
}

/** A node's comments as the pool's strings (they are cut from the text too). */
function keepComments<T extends { comment?: string | null; commentBefore?: string | null }>(node: T, strings: StringPool): T {
  if (node.comment) node.comment = strings.string(node.comment);
  if (node.commentBefore) node.commentBefore = strings.string(node.commentBefore);
  return node;
}

/** What moveNode moves under `node`: each kept node, or the range array of any other node. */
export function rangedNodes(node: unknown, into: object[] = []): object[] {
  if (node === null || typeof node !== 'object') return into;
  const n = node as { range?: number[] | null; items?: unknown[]; key?: unknown; value?: unknown };
  if (START in n) into.push(n);
  else if (n.range) into.push(n.range);
  if (n.items) for (const item of n.items) rangedNodes(item, into);
  else if (isPair(n)) {
    rangedNodes(n.key, into);
    rangedNodes(n.value, into);
  }
  return into;
}

/** Moves one of rangedNodes' results by `delta` characters. */
export function moveNode(ranged: object, delta: number): void {
  if (START in ranged) {
    const kept = ranged as Packed;
    if (kept[START] < 0) return;
    kept[START] += delta;
    kept[VALUE_END] += delta;
    kept[END] += delta;
  } else {
    const range = ranged as number[];
    range[0] += delta;
    range[1] += delta;
    range[2] += delta;
  }
}
