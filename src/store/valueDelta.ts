/**
 * Sending a document's value across the worker boundary costs a copy of all of it; a keystroke
 * changes one top-level entry. So the service sends the entries that changed and refers to the
 * rest by their place in the last value sent, and the store rebuilds the value from its copy —
 * keeping the unchanged entries' identity, which is what lets views skip re-rendering them.
 *
 * Usage: worker `const d = encodeDelta(base, next)`; store `const next = decodeDelta(base, d)`
 */
import { isMapping } from '../core/guards';
import type { StringPool } from '../core/document/stringPool';
export type Delta =
  | { kind: 'full'; value: unknown }
  | { kind: 'array'; items: ({ same: number } | { value: unknown })[] }
  | { kind: 'map'; entries: [string, { same: string } | { value: unknown }][] };

/** `next` should share unchanged parts with `base` by identity (see shareStructure). */
export function encodeDelta(base: unknown, next: unknown): Delta {
  if (Array.isArray(base) && Array.isArray(next)) {
    const at = new Map<unknown, number>();
    base.forEach((v, i) => {
      if (typeof v === 'object' && v !== null && !at.has(v)) at.set(v, i);
    });
    return {
      kind: 'array',
      items: next.map((v, i) => {
        const same = typeof v === 'object' && v !== null ? at.get(v) : Object.is(base[i], v) ? i : undefined;
        return same === undefined ? { value: v } : { same };
      }),
    };
  }
  if (isMapping(base) && isMapping(next)) {
    return {
      kind: 'map',
      entries: Object.entries(next).map(([k, v]) => [k, k in base && Object.is(base[k], v) ? { same: k } : { value: v }]),
    };
  }
  return { kind: 'full', value: next };
}

/**
 * `pool`: the strings of what arrived are replaced by its copies (a value cloned across the worker
 * boundary has a string of its own for every repeated `float` and image name).
 */
export function decodeDelta(base: unknown, delta: Delta, pool?: StringPool): unknown {
  const arrived = (value: unknown) => (pool ? pool.value(value) : value);
  if (delta.kind === 'full') return arrived(delta.value);
  if (delta.kind === 'array') {
    const from = Array.isArray(base) ? base : [];
    return delta.items.map((it) => ('same' in it ? from[it.same] : arrived(it.value)));
  }
  const from = isMapping(base) ? base : {};
  return Object.fromEntries(delta.entries.map(([k, it]) => [k, 'same' in it ? from[it.same] : arrived(it.value)]));
}
