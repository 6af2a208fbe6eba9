/**
 * Keep the identity of every part of a new value that equals the old one, so views memoized on
 * their slice of the document re-render only where something changed.
 *
 * Usage: `value = shareStructure(previous, next)`
 */
import { isMapping } from '../core/guards';
export function shareStructure<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const shared = shareStructure(prev[i], item);
      if (shared !== prev[i]) same = false;
      return shared;
    });
    return (same ? prev : out) as T;
  }
  if (isMapping(prev) && isMapping(next)) {
    const prevKeys = Object.keys(prev);
    const nextKeys = Object.keys(next);
    let same = prevKeys.length === nextKeys.length && prevKeys.every((k, i) => k === nextKeys[i]);
    const out: Record<string, unknown> = {};
    for (const k of nextKeys) {
      const shared = shareStructure(prev[k], next[k]);
      if (shared !== prev[k]) same = false;
      out[k] = shared;
    }
    return (same ? prev : out) as T;
  }
  if (prev instanceof Date && next instanceof Date && prev.getTime() === next.getTime()) return prev as T;
  return next;
}

