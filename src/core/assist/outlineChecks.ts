/**
 * For tests of the dialects' outlines: the outline as indented lines, and the nesting every
 * outline must keep (the breadcrumb walks it by range).
 */
import { expect } from 'vitest';
import type { OutlineItem } from '../contracts/symbols';

/** The outline as indented lines: `name (kind, detail)`. */
export function outlineLines(items: OutlineItem[], indent = ''): string[] {
  return items.flatMap((i) => [`${indent}${i.name} (${i.kind}${i.detail === undefined ? '' : `, ${i.detail}`})`, ...outlineLines(i.children, `${indent}  `)]);
}

/** Every item's selection lies in its range, every child's range in its parent's, siblings in order without overlap. */
export function checkNesting(items: OutlineItem[], parent?: [number, number]): void {
  let last = parent ? parent[0] : 0;
  for (const item of items) {
    const [start, end] = item.range;
    expect(start).toBeLessThan(end);
    expect(item.selection[0]).toBeGreaterThanOrEqual(start);
    expect(item.selection[1]).toBeLessThanOrEqual(end);
    if (parent) {
      expect(start).toBeGreaterThanOrEqual(parent[0]);
      expect(end).toBeLessThanOrEqual(parent[1]);
    }
    expect(start).toBeGreaterThanOrEqual(last);
    last = end;
    checkNesting(item.children, item.range);
  }
}
