/**
 * Path ↔ node ↔ range: where in the text a value lives, and which value a text offset is in.
 *
 * Usage: `rangeOfPath(doc, [0, 'step', 'image'], 'value')` → `[start, end]` offsets.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Path } from '../contracts/path';

interface Located {
  /** The node holding the value at the path (undefined if the value is absent or null without a node). */
  node: Node | null | undefined;
  /** The pair whose value it is, when the last path segment is a mapping key. */
  pair?: Pair;
}

function keyName(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  return undefined;
}

/** The first pair of a mapping whose key reads `name` (the rules ask this for every field of a 50,000-line file). */
function pairNamed(map: YAMLMap, name: string): Pair | undefined {
  for (const pair of map.items) {
    const k = pair.key;
    if (isScalar(k) && (k.value === name || String(k.value) === name)) return pair;
  }
  return undefined;
}

/**
 * Find the node at `path`; stops at the deepest existing ancestor and reports how far it got.
 * The rules ask this for every field of every step (31,000 times for a 50,000-line file), so it
 * walks with plain variables and makes its two result objects only at the end.
 */
export function locatePath(doc: Document.Parsed, path: Path): Located & { depth: number; parent?: Located } {
  let node = doc.contents as Node | null | undefined;
  let pair: Pair | undefined;
  let parentNode: Node | null | undefined;
  let parentPair: Pair | undefined;
  let depth = 0;
  for (const seg of path) {
    let next: Node | null | undefined;
    let nextPair: Pair | undefined;
    if (isMap(node)) {
      nextPair = pairNamed(node, String(seg));
      if (!nextPair) break;
      next = nextPair.value as Node | null;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      next = node.items[seg] as Node | null;
    } else break;
    parentNode = node;
    parentPair = pair;
    node = next;
    pair = nextPair;
    depth++;
  }
  const found: Located & { depth: number; parent?: Located } = { node, depth };
  if (pair) found.pair = pair;
  if (depth > 0) found.parent = parentPair ? { node: parentNode, pair: parentPair } : { node: parentNode };
  return found;
}

function span(node: { range?: [number, number, number] | null } | null | undefined): [number, number] | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/**
 * The text range to mark for a value: `'key'` marks the mapping key naming it, `'value'` the
 * value itself (falling back to the key when the value is empty, e.g. `step:` with nothing under).
 * For a path that does not exist, the deepest existing ancestor's key is marked.
 */
export function rangeOfPath(doc: Document.Parsed, path: Path, part: 'key' | 'value' = 'value'): [number, number] {
  const found = locatePath(doc, path);
  const keyRange = found.pair ? span(found.pair.key as Node) : undefined;
  const valueRange = span(found.node as Node | undefined);
  const emptyValue = !valueRange || valueRange[0] === valueRange[1];
  if (found.depth < path.length) return keyRange ?? valueRange ?? [0, 0];
  if (part === 'key' || emptyValue) return keyRange ?? valueRange ?? [0, 0];
  return valueRange;
}

/** The path of the innermost value or key whose range contains `offset` (for cursor ↔ form sync). */
export function pathAtOffset(doc: Document.Parsed, offset: number): Path {
  const path: Path = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const start = (p.key as Node | null)?.range?.[0];
        const end = (p.value as Node | null)?.range?.[2] ?? (p.key as Node | null)?.range?.[2];
        return start !== undefined && end !== undefined && offset >= start && offset <= end;
      });
      const name = pair && keyName(pair);
      if (!pair || name === undefined) return path;
      path.push(name);
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((it) => {
        const r = (it as Node | null)?.range;
        return r && offset >= r[0] && offset <= r[2];
      });
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}


/** The text-keyed pairs of a mapping node, each key once (the first writing, the one a path reaches), merge keys left out. */
export function namedPairs(node: unknown): { key: string; pair: Pair<Scalar, unknown> }[] {
  if (!isMap(node)) return [];
  const seen = new Set<string>();
  const out: { key: string; pair: Pair<Scalar, unknown> }[] = [];
  for (const pair of (node as YAMLMap).items) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string' || key.value === '<<' || seen.has(key.value)) continue;
    seen.add(key.value);
    out.push({ key: key.value, pair: pair as Pair<Scalar, unknown> });
  }
  return out;
}
