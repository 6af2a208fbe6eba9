/**
 * The document's structure for the quick outline and the breadcrumb: the dialect's outline by
 * meaning where it has one and the text parses, else the YAML's own keys.
 *
 * Usage:
 *   const items = outlineOf(dialect, parsed);
 *   breadcrumbAt(items, offset)   → [step train, parameters, learning_rate]
 *   breadcrumbOf(dialect, parsed, offset)   → the same chain, without the outline of everything else
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Dialect } from '../contracts/dialect';
import type { ParsedDocument } from '../contracts/document';
import type { OutlineItem } from '../contracts/symbols';

/** How deep the outline of plain YAML goes: deeper levels are a click away in the editor. */
const PLAIN_DEPTH = 3;

/** The outline; with `near`, only its items whose range holds that offset are sure to be there (see breadcrumbOf). */
export function outlineOf(dialect: Dialect, parsed: ParsedDocument, near?: number): OutlineItem[] {
  if (parsed.ok && dialect.outline) return dialect.outline(parsed, near);
  return plainOutline(parsed.doc.contents as Node | null, 1, near);
}

/** Whether an item's range can be on the chain to `near` (every range can when nothing is asked). */
export const holds = (range: readonly [number, number], near: number | undefined): boolean => near === undefined || (range[0] <= near && near <= range[1]);

function end(node: Node | null | undefined, fallback: number): number {
  return node?.range ? node.range[1] : fallback;
}

function plainOutline(node: Node | null, depth: number, near: number | undefined): OutlineItem[] {
  if (depth > PLAIN_DEPTH) return [];
  if (isMap(node)) {
    return (node.items as Pair<Node | null, Node | null>[]).flatMap((pair) => {
      const key = pair.key;
      if (!key?.range) return [];
      const range: [number, number] = [key.range[0], Math.max(key.range[1], end(pair.value, key.range[1]))];
      if (!holds(range, near)) return [];
      const name = isScalar(key) ? String(key.value) : '(complex key)';
      return [{ name, kind: 'section' as const, range, selection: [key.range[0], key.range[1]] as [number, number], children: plainOutline(pair.value, depth + 1, near) }];
    });
  }
  if (isSeq(node)) {
    return (node.items as (Node | null)[]).flatMap((item, i) => {
      if (!item?.range) return [];
      const range: [number, number] = [item.range[0], item.range[1]];
      if (!holds(range, near)) return [];
      const first = isMap(item) ? (item.items[0] as Pair<Node | null, Node | null> | undefined) : undefined;
      const label = first && isScalar(first.key) ? `${String(first.key.value)}${isScalar(first.value) ? `: ${String(first.value.value)}` : ''}` : `item ${i + 1}`;
      return [{ name: label, kind: 'section' as const, range, selection: range, children: plainOutline(item, depth + 1, near) }];
    });
  }
  return [];
}

/**
 * The breadcrumb at `offset`: the chain of outline items holding it, outermost first, without
 * their children — made from those items alone, not the whole outline.
 */
export function breadcrumbOf(dialect: Dialect, parsed: ParsedDocument, offset: number): OutlineItem[] {
  return breadcrumbAt(outlineOf(dialect, parsed, offset), offset).map((item) => ({ ...item, children: [] }));
}

/** The chain of outline items containing `offset`, outermost first. */
export function breadcrumbAt(items: readonly OutlineItem[], offset: number): OutlineItem[] {
  const chain: OutlineItem[] = [];
  let level = items;
  for (;;) {
    const inside = level.find((it) => it.range[0] <= offset && offset <= it.range[1]);
    if (!inside) return chain;
    chain.push(inside);
    level = inside.children;
  }
}
