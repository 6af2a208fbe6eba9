/**
 * The arithmetic of a row (or column) of resizable panes: sizes in percent of the row, summing
 * to 100. A separator moves the boundary between the two panes beside it, never past either's
 * minimum; a collapsible pane pushed below half its minimum closes (size 0), and one pulled open
 * past half its minimum opens at its minimum. Plain data in and out, for `SplitView`.
 */

export interface PaneLimits {
  /** Smallest size while open, in percent. */
  min: number;
  collapsible?: boolean;
}

/** Sizes are shown and compared at this precision: 1/100 of a percent. */
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * `sizes` after moving the boundary between pane `index` and pane `index + 1` by `delta` percent
 * (positive: towards the later pane). Only those two panes change, and their sum stays the same.
 */
export function moveBoundary(sizes: readonly number[], limits: readonly PaneLimits[], index: number, delta: number): number[] {
  const before = sizes[index];
  const after = sizes[index + 1];
  const total = before + after;
  const wanted = before + delta;
  const first = settle(wanted, limits[index], total - limits[index + 1].min, limits[index + 1].collapsible === true, total);
  const next = [...sizes];
  next[index] = round(first);
  next[index + 1] = round(total - first);
  return next;
}

/**
 * Where a pane asked to be `wanted` ends up, between its own limits and the room the other pane
 * leaves it (`roomLeft`: the pair's total less the other's minimum). A collapsible neighbour
 * closes when pushed below half its minimum, which gives this pane the whole pair.
 */
function settle(wanted: number, own: PaneLimits, roomLeft: number, otherCollapsible: boolean, total: number): number {
  if (wanted < own.min) {
    if (own.collapsible && wanted < own.min / 2) return 0;
    return Math.min(own.min, total);
  }
  if (wanted > roomLeft) {
    const otherWanted = total - wanted;
    const otherMin = total - roomLeft;
    if (otherCollapsible && otherWanted < otherMin / 2) return total;
    return Math.max(roomLeft, 0);
  }
  return wanted;
}

/**
 * Close pane `index` (its size goes to `neighbour`), or open it again at `restore` (at least its
 * minimum, taken from `neighbour` as far as the neighbour's own minimum allows).
 */
export function toggleCollapsed(sizes: readonly number[], limits: readonly PaneLimits[], index: number, neighbour: number, restore: number): number[] {
  const next = [...sizes];
  if (sizes[index] > 0) {
    next[neighbour] = round(sizes[neighbour] + sizes[index]);
    next[index] = 0;
    return next;
  }
  const room = Math.max(0, sizes[neighbour] - limits[neighbour].min);
  const open = Math.min(Math.max(restore, limits[index].min), room);
  if (open <= 0) return next;
  next[index] = round(open);
  next[neighbour] = round(sizes[neighbour] - open);
  return next;
}

/**
 * The pane Enter closes and opens at the separator after pane `index`: the one before it if that
 * one is collapsible, else the one after it if that one is, else none.
 */
export function collapsibleBeside(limits: readonly PaneLimits[], index: number): { pane: number; neighbour: number } | undefined {
  if (limits[index].collapsible) return { pane: index, neighbour: index + 1 };
  if (limits[index + 1]?.collapsible) return { pane: index + 1, neighbour: index };
  return undefined;
}
